/// Placeholder until the module lands.
enum VaultPlaceholder {}
