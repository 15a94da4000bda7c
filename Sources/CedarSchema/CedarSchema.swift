/// Placeholder until the module lands.
enum CedarSchemaPlaceholder {}
