import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system helpers for ``KeyRing``: private directories and exclusive, owner-only key files.
///
/// Two layouts share a directory: `key-NNNNNN.pem` (legacy, unencrypted PKCS#8; its activation time is the file's
/// modification time) and `key-NNNNNN.sealed` (a ``KeyRecord`` sealed by a ``KeySealer``).
enum KeyFiles {
    /// Creates `url` with mode 0700, or tightens an existing directory to 0700.
    static func makePrivateDirectory(_ url: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        do {
            if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw IdentityError.keyStorage("key path is not a directory") }
            } else {
                try manager.createDirectory(
                    at: url,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            }
            guard chmod(url.path, 0o700) == 0 else { throw IdentityError.keyStorage("cannot secure key directory") }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.keyStorage("cannot create key directory")
        }
    }

    /// The legacy PEM file name for key number `sequence`.
    static func fileName(sequence: Int) -> String {
        "key-" + String(format: "%06d", sequence) + ".pem"
    }

    /// The sealed file name for key number `sequence`.
    static func sealedFileName(sequence: Int) -> String {
        "key-" + String(format: "%06d", sequence) + ".sealed"
    }

    /// The names in `directory` that look like key files, with their sequence and whether they are sealed.
    static func list(_ directory: URL) throws -> [(name: String, sequence: Int, sealed: Bool)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw IdentityError.keyStorage("cannot list key directory")
        }
        return names.compactMap { name in
            guard let match = name.wholeMatch(of: /key-([0-9]{1,9})\.(pem|sealed)/), let sequence = Int(match.1) else {
                return nil
            }
            return (name, sequence, match.2 == "sealed")
        }
    }

    /// Reads a file, first tightening it to 0600: a readable private key is worse than a refused start.
    static func read(_ url: URL) throws -> (Data, Date) {
        _ = chmod(url.path, 0o600)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw IdentityError.keyStorage("cannot read key file")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return (data, (attributes?[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0))
    }

    /// Writes `data` as `name`, created exclusively with mode 0600 and flushed to disk.
    static func write(_ data: Data, name: String, in directory: URL) throws {
        let path = directory.appendingPathComponent(name).path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw IdentityError.keyStorage("cannot create key file") }
        defer { close(descriptor) }
        do {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: data)
            guard fsync(descriptor) == 0 else { throw IdentityError.keyStorage("cannot flush key file") }
        } catch {
            unlink(path)
            throw IdentityError.keyStorage("cannot write key file")
        }
    }

    /// Deletes key number `sequence` in either layout; a failure only leaves an extra verification key behind.
    static func remove(sequence: Int, in directory: URL) {
        _ = unlink(directory.appendingPathComponent(fileName(sequence: sequence)).path)
        _ = unlink(directory.appendingPathComponent(sealedFileName(sequence: sequence)).path)
    }

    /// Deletes one file by name.
    static func remove(name: String, in directory: URL) {
        _ = unlink(directory.appendingPathComponent(name).path)
    }
}
