import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system helpers for ``KeyRing``: private directories and exclusive, owner-only PEM files.
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

    /// The file name for key number `sequence`.
    static func fileName(sequence: Int) -> String {
        "key-" + String(format: "%06d", sequence) + ".pem"
    }

    /// Every `key-N.pem` in `directory`, parsed, in ascending sequence order.
    static func load(from directory: URL) throws -> [(Int, SigningKey)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw IdentityError.keyStorage("cannot list key directory")
        }
        var loaded = [(Int, SigningKey)]()
        for name in names {
            guard let match = name.wholeMatch(of: /key-([0-9]{1,9})\.pem/), let sequence = Int(match.1) else {
                continue
            }
            let url = directory.appendingPathComponent(name)
            // Tighten a file someone loosened: a readable private key is worse than a refused start.
            _ = chmod(url.path, 0o600)
            guard let pem = FileManager.default.contents(atPath: url.path) else {
                throw IdentityError.keyStorage("cannot read key file")
            }
            loaded.append((sequence, try SigningKey(pem: pem)))
        }
        return loaded.sorted { $0.0 < $1.0 }
    }

    /// Writes `key` as `key-N.pem`, created exclusively with mode 0600 and flushed to disk.
    static func write(_ key: SigningKey, sequence: Int, in directory: URL) throws {
        let pem = try key.pkcs8PEM()
        let path = directory.appendingPathComponent(fileName(sequence: sequence)).path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw IdentityError.keyStorage("cannot create key file") }
        defer { close(descriptor) }
        do {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: pem)
            guard fsync(descriptor) == 0 else { throw IdentityError.keyStorage("cannot flush key file") }
        } catch {
            unlink(path)
            throw IdentityError.keyStorage("cannot write key file")
        }
    }

    /// Deletes key number `sequence`; a failure only leaves an extra verification key behind.
    static func remove(sequence: Int, in directory: URL) {
        _ = unlink(directory.appendingPathComponent(fileName(sequence: sequence)).path)
    }
}
