// Module Memory.
