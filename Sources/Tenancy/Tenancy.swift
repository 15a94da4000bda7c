// Module Tenancy.
