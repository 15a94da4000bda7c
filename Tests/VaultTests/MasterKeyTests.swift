import Foundation
import Testing
import Vault

@Suite("MasterKey loading")
struct MasterKeyTests {
    private let raw = Data((0..<32).map { UInt8($0 * 7 & 0xff) })
    private var hex: String { raw.map { String(format: "%02x", $0) }.joined() }

    private func write(_ data: Data, mode: Int) throws -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("master.key")
        try data.write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return (directory, file.path)
    }

    @Test("reads hex, base64 and raw files with owner-only permissions, all to the same key")
    func loadsFormats() throws {
        let reference = try MasterKey(bytes: raw)
        for contents in [Data((hex + "\n").utf8), Data(raw.base64EncodedString().utf8), raw] {
            let (directory, path) = try write(contents, mode: 0o600)
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(try MasterKey.load(fromFile: path).id == reference.id)
        }
    }

    @Test("refuses key files readable by group or others", arguments: [0o640, 0o604, 0o644, 0o660])
    func refusesOpenPermissions(mode: Int) throws {
        let (directory, path) = try write(Data(hex.utf8), mode: mode)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: VaultError.masterKeyInvalid("master key file must not be accessible by group or others")) {
            try MasterKey.load(fromFile: path)
        }
    }

    @Test("refuses missing files and keys of the wrong size")
    func refusesBadFiles() throws {
        #expect(throws: VaultError.self) { try MasterKey.load(fromFile: "/nonexistent/master.key") }
        let (directory, path) = try write(Data("abcd".utf8), mode: 0o600)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try MasterKey.load(fromFile: path)
            Issue.record("a 4-byte key was accepted")
        } catch let error as VaultError {
            #expect(error.code == "vault.master_key_invalid")
        }
    }

    @Test("reads the key from AGENTRY_MASTER_KEY, then AGENTRY_MASTER_KEY_FILE")
    func environment() throws {
        let reference = try MasterKey(bytes: raw)
        #expect(try MasterKey.fromEnvironment(["AGENTRY_MASTER_KEY": hex]).id == reference.id)
        #expect(try MasterKey.fromEnvironment(["AGENTRY_MASTER_KEY": raw.base64EncodedString()]).id == reference.id)

        let (directory, path) = try write(Data(hex.utf8), mode: 0o400)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try MasterKey.fromEnvironment(["AGENTRY_MASTER_KEY_FILE": path]).id == reference.id)

        #expect(throws: VaultError.self) { try MasterKey.fromEnvironment([:]) }
        #expect(throws: VaultError.self) { try MasterKey.fromEnvironment(["AGENTRY_MASTER_KEY": "00ff"]) }
    }

    @Test("the ring takes previous keys from AGENTRY_MASTER_KEY_PREVIOUS")
    func ringFromEnvironment() throws {
        let old = try MasterKey.generate()
        let oldHex = hex.reversed().map(String.init).joined()
        let ring = try MasterKeyRing.fromEnvironment([
            "AGENTRY_MASTER_KEY": hex, "AGENTRY_MASTER_KEY_PREVIOUS": "\(oldHex),\(hex)",
        ])
        #expect(ring.current.id == (try MasterKey(bytes: raw)).id)
        #expect(ring.previous.map(\.id) == [(try MasterKey(text: oldHex)).id])
        #expect(old.id.count == 16)
    }

    @Test("description shows the id and never the key bytes")
    func redacted() throws {
        let key = try MasterKey(bytes: raw)
        #expect("\(key)" == "MasterKey(id: \(key.id))")
        #expect(!"\(key)".contains(hex.prefix(8)))
    }
}
