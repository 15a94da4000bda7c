/// The vault's SQLite schema, as numbered migrations for `SQLiteDatabase`.
public enum VaultSchema {
    /// Migrations to pass to `SQLiteDatabase(path:migrations:)`; append only, never edit a shipped step.
    public static let migrations: [String] = [
        """
        CREATE TABLE vault_data_keys (
            owner TEXT NOT NULL,
            version INTEGER NOT NULL,
            wrapped BLOB NOT NULL,
            nonce BLOB NOT NULL,
            master_key_id TEXT NOT NULL,
            created_at REAL NOT NULL,
            retired_at REAL,
            PRIMARY KEY (owner, version)
        );
        CREATE TABLE vault_credentials (
            tenant_id TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            ciphertext BLOB NOT NULL,
            nonce BLOB NOT NULL,
            key_version INTEGER NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (tenant_id, name)
        )
        """
    ]
}
