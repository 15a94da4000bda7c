/// Splits a document into overlapping chunks of roughly 800–1200 characters on natural boundaries.
///
/// A chunk ends, in order of preference, at a paragraph break (a blank line), the end of a sentence, a line break,
/// or a space; only a run of text with no such boundary at all is cut hard (on a character boundary). Each chunk
/// after the first starts a little before the previous one ended (at most `overlap` characters, on a sentence or
/// word boundary), so a fact split across the seam is still whole in one chunk. Sizes count Unicode scalars.
///
/// Offsets are UTF-8 byte offsets into the original text: see ``DocumentChunk``. Leading and trailing whitespace
/// is left out of every chunk, and a document of only whitespace yields no chunks.
public struct Chunker: Sendable {
    /// Smallest chunk the chunker aims for, in characters, unless the document ends first. Default 800.
    public let minimumSize: Int
    /// Largest chunk, in characters. Default 1200.
    public let maximumSize: Int
    /// Most characters a chunk repeats from the end of the previous one. Default 150.
    public let overlap: Int

    /// Creates a chunker; sizes are clamped so that `0 < minimumSize <= maximumSize` and `overlap < minimumSize / 2`.
    public init(minimumSize: Int = 800, maximumSize: Int = 1200, overlap: Int = 150) {
        self.minimumSize = max(1, minimumSize)
        self.maximumSize = max(self.minimumSize, maximumSize)
        self.overlap = max(0, min(overlap, self.minimumSize / 2 - 1))
    }

    /// Splits `text` into chunks, numbered from 0, that cover every non-blank part of it.
    public func chunks(of text: String) -> [DocumentChunk] {
        let scan = ByteScan(text)
        var chunks: [DocumentChunk] = []
        var start = scan.skipWhitespace(from: 0)

        while start < scan.count {
            let cut = scan.size(start, scan.count) <= maximumSize ? scan.count : chooseCut(after: start, in: scan)
            let end = scan.trimTrailingWhitespace(start, cut)
            if end > start {
                chunks.append(DocumentChunk(index: chunks.count, start: start, end: end, text: scan.text(start, end)))
            }
            guard cut < scan.count else { break }
            start = nextStart(after: start, cut: cut, in: scan)
        }
        return chunks
    }

    /// The best place to end a chunk that begins at `start`: the latest highest-ranked boundary in the size window.
    private func chooseCut(after start: Int, in scan: ByteScan) -> Int {
        var best: (position: Int, rank: ByteScan.Boundary)?
        var position = start + 1
        var size = 0

        while position < scan.count {
            if scan.isScalarStart(position - 1) { size += 1 }
            if size > maximumSize { break }
            if size >= minimumSize, let rank = scan.boundary(at: position), rank >= (best?.rank ?? .word) {
                best = (position, rank)
            }
            position += 1
        }

        if let best { return best.position }
        // No boundary in the window: cut hard at the last character start that keeps the chunk within the maximum.
        var cut = min(position - 1, scan.count)
        while cut > start + 1, !scan.isScalarStart(cut) { cut -= 1 }
        return cut
    }

    /// Where the chunk after `cut` begins: the earliest sentence (else word) boundary within `overlap` characters.
    private func nextStart(after start: Int, cut: Int, in scan: ByteScan) -> Int {
        guard overlap > 0 else { return scan.skipWhitespace(from: cut) }
        var sentence: Int?
        var word: Int?
        var position = cut - 1
        var size = 0

        while position > start {
            if scan.isScalarStart(position) { size += 1 }
            if size > overlap { break }
            if let rank = scan.boundary(at: position) {
                if rank >= .sentence { sentence = position }
                word = position
            }
            position -= 1
        }
        return sentence ?? word ?? scan.skipWhitespace(from: cut)
    }
}
