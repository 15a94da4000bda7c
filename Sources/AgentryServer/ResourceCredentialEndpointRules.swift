import AgentryCore
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where a credential provider's `tokenEndpoint` may point, so a tenant cannot make Agentry probe its own network.
///
/// An endpoint must be `https` to a public host. A literal IP address in a private, loopback, link-local, shared,
/// multicast or reserved range is refused, and at use time so is a host name that resolves to one. Deployments
/// that need a local provider (a sidecar, tests) list it in the environment variable
/// `AGENTRY_OAUTH_ALLOWED_INSECURE_TOKEN_ENDPOINTS`: comma-separated `host` or `host:port` entries, matched
/// case-insensitively against the URL's host (and port); a listed endpoint may use plain `http` and a private
/// address. Default: empty (nothing local, nothing plain).
struct ResourceCredentialEndpointRules: Sendable {
    /// The environment variable listing the endpoints exempt from the rules.
    static let environmentVariable = "AGENTRY_OAUTH_ALLOWED_INSECURE_TOKEN_ENDPOINTS"

    /// Exempt `host` and `host:port` entries, lower-cased, brackets stripped from IPv6 hosts.
    let allowed: Set<String>

    /// Rules exempting `allowed` (`host` or `host:port` entries).
    init(allowed: [String]) {
        self.allowed = Set(allowed.map { Self.normalized($0) }.filter { !$0.isEmpty })
    }

    /// Rules read from ``environmentVariable`` in `environment`.
    init(environment: [String: String]) {
        self.init(allowed: (environment[Self.environmentVariable] ?? "").split(separator: ",").map(String.init))
    }

    private static let shared = Mutex(Self(environment: ProcessInfo.processInfo.environment))

    /// The rules of this process: read from the environment at first use.
    static var current: Self { shared.withLock { $0 } }

    /// Replaces the rules of this process (embedding Agentry in another program, tests).
    static func replace(with rules: Self) {
        shared.withLock { $0 = rules }
    }

    /// Whether `text` may be stored as a token endpoint: scheme and literal addresses only (no name lookup).
    func acceptsForStorage(_ text: String) -> Bool {
        guard let (url, host) = Self.parse(text) else { return false }
        if isExempt(url, host: host) { return true }
        guard url.scheme?.lowercased() == "https" else { return false }
        return !Self.isLiteralInternal(host)
    }

    /// The URL to call, or nil when `text` breaks the rules; a host name must resolve only to public addresses.
    func usableURL(_ text: String) -> URL? {
        guard acceptsForStorage(text), let (url, host) = Self.parse(text) else { return nil }
        if isExempt(url, host: host) { return url }
        guard let addresses = Self.resolve(host), !addresses.isEmpty else { return nil }
        return addresses.contains(where: Self.isLiteralInternal) ? nil : url
    }

    private func isExempt(_ url: URL, host: String) -> Bool {
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return allowed.contains(host) || allowed.contains(host + ":" + String(port))
    }

    /// The URL and its lower-cased host without brackets; nil without an http(s) scheme, a host, or with
    /// user information (which could disguise the host).
    private static func parse(_ text: String) -> (URL, String)? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.user == nil, url.password == nil
        else { return nil }
        let host = normalized(url.host ?? "")
        return host.isEmpty ? nil : (url, host)
    }

    private static func normalized(_ entry: String) -> String {
        var text = entry.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<close]) + String(text[text.index(after: close)...])
        }
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    /// Whether `host` is a literal IPv4 or IPv6 address outside the public unicast ranges.
    static func isLiteralInternal(_ text: String) -> Bool {
        // A zone index (`fe80::1%eth0`) only ever qualifies a link-local address.
        if text.contains("%") { return true }
        let host = text
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return isInternal(v4: withUnsafeBytes(of: v4.s_addr) { Array($0) })
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        return isInternal(v6: withUnsafeBytes(of: v6) { Array($0) })
    }

    private static func isInternal(v4 b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _), (169, 254), (192, 168): return true
        case (100, 64...127), (172, 16...31), (198, 18...19): return true
        case (192, 0) where b[2] == 0 || b[2] == 2: return true
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return true
        default: return b[0] >= 224
        }
    }

    private static func isInternal(v6 b: [UInt8]) -> Bool {
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses are judged as IPv4.
        if b[0..<10].allSatisfy({ $0 == 0 }), (b[10] == 0xFF && b[11] == 0xFF) || (b[10] == 0 && b[11] == 0) {
            return isInternal(v4: Array(b[12..<16]))
        }
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B { return isInternal(v4: Array(b[12..<16])) }
        if b[0] & 0xFE == 0xFC || b[0] == 0xFF { return true }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }
        return b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8
    }

    /// Every address `host` resolves to, as text; nil when it does not resolve.
    private static func resolve(_ host: String) -> [String]? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let length = socklen_t(buffer.count)
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, length, nil, 0, NI_NUMERICHOST)
                == 0
            {
                addresses.append(
                    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                )
            } else {
                // An address that cannot be written out cannot be judged: treat it as internal.
                addresses.append("%")
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}
