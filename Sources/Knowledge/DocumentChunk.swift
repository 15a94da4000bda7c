/// One slice of a document produced by ``Chunker``.
///
/// `start..<end` are **UTF-8 byte offsets** into the original document text, so
/// `String(decoding: Array(text.utf8)[start..<end], as: UTF8.self) == chunk.text` always holds. Both offsets sit on
/// character boundaries, so the slice is valid UTF-8.
public struct DocumentChunk: Sendable, Hashable {
    /// Position of the chunk in its document, from 0.
    public let index: Int
    /// First UTF-8 byte of the chunk in the source text.
    public let start: Int
    /// One past the last UTF-8 byte of the chunk in the source text.
    public let end: Int
    /// The chunk's text, exactly the source bytes `start..<end`.
    public let text: String

    /// Creates a chunk from its position, byte range and text.
    public init(index: Int, start: Int, end: Int, text: String) {
        self.index = index
        self.start = start
        self.end = end
        self.text = text
    }
}
