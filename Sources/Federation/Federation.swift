/// Placeholder until the module lands.
enum FederationPlaceholder {}
