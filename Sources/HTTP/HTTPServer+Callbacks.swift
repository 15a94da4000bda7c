import AgentryCore
import CMicroHTTPD
import Foundation

// libmicrohttpd's C callbacks. They live outside `main.swift` on purpose: there they would become main-actor code
// and trap when called from libmicrohttpd's threads.

/// Called by libmicrohttpd for headers, each body chunk, the end of the body, and again after resume.
let accessHandler: MHD_AccessHandlerCallback = {
    serverPointer,
    connection,
    url,
    method,
    _,
    uploadData,
    uploadDataSize,
    contextSlot in
    guard let serverPointer, let connection, let contextSlot, let uploadDataSize else { return MHD_Result.NO }
    let server = Unmanaged<HTTPServer>.fromOpaque(serverPointer).takeUnretainedValue()

    // First call: headers only. Never queue a response here, or libmicrohttpd drops keep-alive.
    guard let existing = contextSlot.pointee else {
        let context = ConnectionContext()
        let framing = FramingCheck.inspect(
            HTTPServer.headers(of: connection),
            maxBody: server.configuration.maxBodyBytes
        )
        context.state.withLock { $0.framingError = framing }
        contextSlot.pointee = Unmanaged.passRetained(context).toOpaque()
        return MHD_Result.YES
    }
    let context = Unmanaged<ConnectionContext>.fromOpaque(existing).takeUnretainedValue()

    // Body chunks: keep them while under the limit, and always consume them.
    if uploadDataSize.pointee > 0 {
        let size = uploadDataSize.pointee
        context.state.withLock { state in
            guard state.framingError == nil, !state.tooLarge else { return }
            if state.body.count + size > server.configuration.maxBodyBytes {
                state.tooLarge = true
                state.body = Data()
            } else if let uploadData {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: size) { state.body.append($0, count: size) }
            }
        }
        uploadDataSize.pointee = 0
        return MHD_Result.YES
    }
    return server.finish(connection, context, url: url, method: method)
}

/// Releases the per-request context when libmicrohttpd is done with the request.
let requestCompleted: MHD_RequestCompletedCallback = { serverPointer, _, contextSlot, _ in
    guard let contextSlot, let existing = contextSlot.pointee else { return }
    if let serverPointer {
        let server = Unmanaged<HTTPServer>.fromOpaque(serverPointer).takeUnretainedValue()
        server.registry.resumed(Unmanaged<ConnectionContext>.fromOpaque(existing).takeUnretainedValue())
    }
    Unmanaged<ConnectionContext>.fromOpaque(existing).release()
    contextSlot.pointee = nil
}

/// Collects header fields into a box passed as the iterator's context.
private let headerIterator: MHD_KeyValueIterator = { box, _, key, value in
    guard let box, let key else { return MHD_Result.YES }
    let collector = Unmanaged<FieldCollector>.fromOpaque(box).takeUnretainedValue()
    collector.fields.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
    return MHD_Result.YES
}

/// Scratch space for ``headerIterator``; used on one thread during one call.
private final class FieldCollector {
    var fields: [(String, String)] = []
}

extension HTTPServer {
    /// The last call for a request: start the handler (suspending the connection) or send its finished response.
    fileprivate func finish(
        _ connection: OpaquePointer,
        _ context: ConnectionContext,
        url: UnsafePointer<CChar>?,
        method: UnsafePointer<CChar>?
    ) -> MHD_Result {
        let (ready, alreadyStarted, framingError, tooLarge, body) = context.state.withLock { state in
            let snapshot = (state.response, state.started, state.framingError, state.tooLarge, state.body)
            state.started = true
            return snapshot
        }
        if let ready {
            registry.resumed(context)
            return Self.queue(ready, on: connection)
        }
        if alreadyStarted { return MHD_Result.YES }
        if let framingError { return Self.queue(.error(framingError), on: connection) }
        if tooLarge {
            let error = CodedError("http.body_too_large", "request body exceeds the configured limit", status: 413)
            return Self.queue(.error(error), on: connection)
        }

        let headers = HTTPHeaders(Self.headers(of: connection))
        let request = HTTPRequest(
            method: method.map { String(cString: $0) } ?? "GET",
            path: url.map { String(cString: $0) } ?? "/",
            query: Dictionary(Self.fields(of: connection, kind: .GET_ARGUMENT_KIND)) { _, last in last },
            headers: headers,
            body: body,
            requestID: Self.requestID(from: headers)
        )

        // Suspend before starting the task, so the resume can never come first.
        guard registry.suspend(connection, context) else {
            return Self.queue(.error(HTTPServer.stoppingError), on: connection)
        }
        let handler = self.handler
        let registry = self.registry
        Task(executorPreference: executor) {
            var response = await handler(request)
            response.headers.set("X-Request-Id", request.requestID)
            registry.resume(context, with: response)
        }
        return MHD_Result.YES
    }

    /// Every request header, in order, names as sent.
    static func headers(of connection: OpaquePointer) -> [(String, String)] {
        fields(of: connection, kind: .HEADER_KIND)
    }

    private static func fields(of connection: OpaquePointer, kind: MHD_ValueKind) -> [(String, String)] {
        let collector = FieldCollector()
        let box = Unmanaged.passUnretained(collector).toOpaque()
        _ = MHD_get_connection_values(connection, kind, headerIterator, box)
        return collector.fields
    }

    private static func requestID(from headers: HTTPHeaders) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        if let given = headers["x-request-id"], (1...64).contains(given.count), given.allSatisfy(allowed.contains) {
            return given
        }
        return Identifiers.request()
    }

    private static func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        let created = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count,
                UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                .RESPMEM_MUST_COPY
            )
        }
        guard let created else { return MHD_Result.NO }
        defer { MHD_destroy_response(created) }
        for (name, value) in response.headers {
            _ = MHD_add_response_header(created, name, value)
        }
        return MHD_queue_response(connection, UInt32(response.status), created)
    }
}
