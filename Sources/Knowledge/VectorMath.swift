import Foundation

/// Small dense-vector helpers and the on-disk vector encoding.
enum VectorMath {
    /// `vector` scaled to unit length; the zero vector stays zero.
    static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return vector }
        return vector.map { $0 / norm }
    }

    /// Cosine similarity; 0 when either vector is zero or the widths differ.
    static func cosine(_ lhs: [Float], _ rhs: [Float]) -> Float {
        guard lhs.count == rhs.count else { return 0 }
        var dot: Float = 0
        var left: Float = 0
        var right: Float = 0
        for index in lhs.indices {
            dot += lhs[index] * rhs[index]
            left += lhs[index] * lhs[index]
            right += rhs[index] * rhs[index]
        }
        guard left > 0, right > 0 else { return 0 }
        return dot / (left.squareRoot() * right.squareRoot())
    }

    /// Little-endian IEEE-754 float32 bytes.
    static func encode(_ vector: [Float]) -> Data {
        var data = Data(capacity: vector.count * 4)
        for value in vector {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Inverse of ``encode(_:)``; trailing bytes that do not fill a float are ignored.
    static func decode(_ data: Data) -> [Float] {
        let bytes = [UInt8](data)
        var vector: [Float] = []
        vector.reserveCapacity(bytes.count / 4)
        var index = 0
        while index + 4 <= bytes.count {
            let bits =
                UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16
                | UInt32(bytes[index + 3]) << 24
            vector.append(Float(bitPattern: bits))
            index += 4
        }
        return vector
    }
}
