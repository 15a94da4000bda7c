import Foundation

extension CedarValue {
    /// Cedar's equality: strings (also inside sets, records and entity uids) are equal only when their code points
    /// are, unlike Swift's `String`, which applies Unicode canonical equivalence (`"é" == "e\u{301}"`).
    public static func == (left: CedarValue, right: CedarValue) -> Bool {
        switch (left, right) {
        case (.bool(let a), .bool(let b)): a == b
        case (.long(let a), .long(let b)): a == b
        case (.string(let a), .string(let b)): a.hasSameCodePoints(as: b)
        case (.entity(let a), .entity(let b)): a == b
        case (.set(let a), .set(let b)): a == b
        case (.record(let a), .record(let b)): CedarValue.recordsEqual(a, b)
        case (.extension(let a), .extension(let b)): a == b
        default: false
        }
    }

    /// Hashes consistently with ``==``: strings and record keys by code points, records independently of order.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .bool(let flag):
            hasher.combine(0 as UInt8)
            hasher.combine(flag)
        case .long(let number):
            hasher.combine(1 as UInt8)
            hasher.combine(number)
        case .string(let text):
            hasher.combine(2 as UInt8)
            hasher.combine(codePoints: text)
        case .entity(let uid):
            hasher.combine(3 as UInt8)
            hasher.combine(uid)
        case .set(let elements):
            hasher.combine(4 as UInt8)
            hasher.combine(elements)
        case .record(let fields):
            hasher.combine(5 as UInt8)
            var sum = 0
            for (key, value) in fields {
                var entry = Hasher()
                entry.combine(codePoints: key.unaliasedKey)
                entry.combine(value)
                sum &+= entry.finalize()
            }
            hasher.combine(fields.count)
            hasher.combine(sum)
        case .extension(let value):
            hasher.combine(6 as UInt8)
            hasher.combine(value)
        }
    }

    private static func recordsEqual(_ left: [String: CedarValue], _ right: [String: CedarValue]) -> Bool {
        guard left.count == right.count else { return false }
        for (key, value) in left {
            guard let other = right.codePointValue(forKey: key.unaliasedKey), other == value else { return false }
        }
        return true
    }
}

extension Dictionary where Key == String {
    /// The value stored under exactly `key`'s code points: a canonically equivalent but differently encoded key
    /// (which Swift's dictionary would match) does not count, as in Cedar.
    package func codePointValue(forKey key: String) -> Value? {
        guard let position = index(forKey: key) else { return nil }
        if self[position].key.hasSameCodePoints(as: key) { return self[position].value }

        // A canonically equivalent key holds the plain slot; this one, if present, is stored under an alias.
        var ordinal = 1
        while let alias = index(forKey: key.collisionAlias(ordinal)) {
            if self[alias].key.unaliasedKey.hasSameCodePoints(as: key) { return self[alias].value }
            ordinal += 1
        }
        return nil
    }

    /// Inserts `value` under `key`'s exact code points; false (and no change) when that key is already present.
    ///
    /// Swift's `String` keys merge canonically equivalent strings, which Cedar keeps apart, so a second key that
    /// is canonically equivalent to a stored one is kept under an alias (see ``String/unaliasedKey``).
    package mutating func insertCodePointKey(_ key: String, _ value: Value) -> Bool {
        guard let position = index(forKey: key) else {
            self[key] = value
            return true
        }
        if self[position].key.hasSameCodePoints(as: key) { return false }
        var ordinal = 1
        while let alias = index(forKey: key.collisionAlias(ordinal)) {
            if self[alias].key.unaliasedKey.hasSameCodePoints(as: key) { return false }
            ordinal += 1
        }
        self[key.collisionAlias(ordinal)] = value
        return true
    }
}

extension String {
    /// Marks an alias key: two noncharacters, which Cedar text and entity data practically never contain.
    private static let aliasMarker = "\u{FFFF}\u{FFFE}"

    /// The alias under which the `ordinal`-th canonically equivalent duplicate of this key is stored.
    func collisionAlias(_ ordinal: Int) -> String { self + String.aliasMarker + String(ordinal) }

    /// The key as given, without a collision alias suffix.
    package var unaliasedKey: String {
        let scalars = unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            if scalars[index] == "\u{FFFF}", next < scalars.endIndex, scalars[next] == "\u{FFFE}" {
                return String(scalars[..<index])
            }
            index = next
        }
        return self
    }

    /// True when both strings have the same Unicode scalars (no canonical equivalence): equal UTF-8 bytes.
    package func hasSameCodePoints(as other: String) -> Bool {
        let direct = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                guard mine.count == theirs.count, let left = mine.baseAddress, let right = theirs.baseAddress else {
                    return mine.count == theirs.count
                }
                return memcmp(left, right, mine.count) == 0
            }
        }
        if let result = direct ?? nil { return result }
        return utf8.elementsEqual(other.utf8)
    }
}

extension Hasher {
    /// Feeds a string's UTF-8 bytes (and its length), so canonically equivalent strings hash differently.
    mutating func combine(codePoints text: String) {
        combine(text.utf8.count)
        let direct: Void? = text.utf8.withContiguousStorageIfAvailable { combine(bytes: UnsafeRawBufferPointer($0)) }
        if direct == nil {
            for byte in text.utf8 { combine(byte) }
        }
    }
}
