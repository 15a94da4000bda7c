/// Receives every finished span from a ``Tracer``.
///
/// `enqueue` is called on the thread that ended the span, so it must return at once: buffer and send later.
public protocol SpanExporter: Sendable {
    /// Accepts one finished span without blocking.
    func enqueue(_ span: Span)
}
