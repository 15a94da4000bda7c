// Module Authorization.
