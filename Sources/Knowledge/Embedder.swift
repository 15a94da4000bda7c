/// Turns texts into fixed-width vectors whose cosine similarity reflects how alike the texts are.
public protocol Embedder: Sendable {
    /// Width of every vector `embed` returns.
    var dimensions: Int { get }

    /// A stable name for the embedding scheme and its parameters, stored with vectors so mixed schemes are caught.
    var identifier: String { get }

    /// One vector of width ``dimensions`` per input text, in input order.
    func embed(_ texts: [String]) -> [[Float]]
}
