import Foundation

/// Reads and writes one ``KeyRing``'s key files, sealed through a ``KeySealer`` or, for rings opened the legacy
/// way, as plain PKCS#8 PEM.
struct KeyRingStore: Sendable {
    /// The ring's name, part of every seal label.
    let ring: String
    /// The ring's private directory.
    let directory: URL
    /// The sealer; nil keeps the legacy `key-N.pem` layout.
    let sealer: (any KeySealer)?

    /// Every stored key in ascending sequence. With a sealer, legacy PEM files are sealed and their plain copies
    /// deleted; a sealed file wins over a PEM file of the same number (a migration interrupted half-way).
    /// - Throws: `IdentityError.keyStorage` or `.keyInvalid` for an unreadable key: a damaged ring is never
    ///   silently replaced, since that would orphan every token it signed.
    func load() throws -> [KeySchedule.Entry] {
        let files = try KeyFiles.list(directory)
        let sealedNumbers = Set(files.filter(\.sealed).map(\.sequence))
        var entries = [KeySchedule.Entry]()
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            if file.sealed {
                entries.append(try openSealed(url, sequence: file.sequence))
            } else if sealedNumbers.contains(file.sequence) {
                KeyFiles.remove(name: file.name, in: directory)
            } else {
                let (pem, modified) = try KeyFiles.read(url)
                let entry = KeySchedule.Entry(
                    sequence: file.sequence,
                    key: try SigningKey(pem: pem),
                    activatesAt: modified
                )
                if sealer != nil {
                    try write(entry)
                    KeyFiles.remove(name: file.name, in: directory)
                }
                entries.append(entry)
            }
        }
        return entries.sorted { $0.sequence < $1.sequence }
    }

    /// Writes `entry` in this store's layout (exclusive create, mode 0600, fsync).
    func write(_ entry: KeySchedule.Entry) throws {
        guard let sealer else {
            try KeyFiles.write(
                try entry.key.pkcs8PEM(),
                name: KeyFiles.fileName(sequence: entry.sequence),
                in: directory
            )
            return
        }
        let plaintext = try JSONEncoder().encode(try KeyRecord(entry))
        let sealed: Data
        do {
            sealed = try sealer.seal(plaintext, label: KeyRecord.label(ring: ring, sequence: entry.sequence))
        } catch {
            throw IdentityError.keyStorage("cannot seal key")
        }
        try KeyFiles.write(sealed, name: KeyFiles.sealedFileName(sequence: entry.sequence), in: directory)
    }

    /// Deletes key number `sequence`.
    func remove(sequence: Int) {
        KeyFiles.remove(sequence: sequence, in: directory)
    }

    /// Opens and decodes a sealed key file.
    private func openSealed(_ url: URL, sequence: Int) throws -> KeySchedule.Entry {
        guard let sealer else { throw IdentityError.keyStorage("sealed key found but no sealer is configured") }
        let (sealed, _) = try KeyFiles.read(url)
        let record: KeyRecord
        do {
            let plaintext = try sealer.open(sealed, label: KeyRecord.label(ring: ring, sequence: sequence))
            record = try JSONDecoder().decode(KeyRecord.self, from: plaintext)
        } catch {
            throw IdentityError.keyStorage("sealed key does not open")
        }
        return try record.entry(sequence: sequence)
    }
}
