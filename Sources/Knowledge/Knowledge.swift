// Module Knowledge.
