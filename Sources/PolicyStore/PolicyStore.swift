/// Placeholder until the module lands.
enum PolicyStorePlaceholder {}
