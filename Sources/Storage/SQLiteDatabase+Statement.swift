import CSQLite
import Foundation

/// SQLite's "transient" destructor: copy the bound bytes before `sqlite3_bind_*` returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension SQLiteDatabase {
    /// Prepares, binds, steps and finalises one statement on a connection the caller holds.
    static func run(_ handle: OpaquePointer, _ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw StorageError(code: "storage.prepare_failed", message: "invalid statement: \(errorText(handle))")
        }
        defer { sqlite3_finalize(statement) }

        for (offset, value) in parameters.enumerated() {
            bind(value, at: Int32(offset + 1), in: statement)
        }

        var rows: [SQLRow] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                let code = status & 0xff == SQLITE_CONSTRAINT ? "storage.constraint" : "storage.step_failed"
                throw StorageError(code: code, message: "statement failed: \(errorText(handle))")
            }
            rows.append(readRow(statement))
        }
        return rows
    }

    private static func bind(_ value: SQLValue, at index: Int32, in statement: OpaquePointer) {
        switch value {
        case .null: sqlite3_bind_null(statement, index)
        case .integer(let number): sqlite3_bind_int64(statement, index, number)
        case .real(let number): sqlite3_bind_double(statement, index, number)
        case .text(let text): sqlite3_bind_text(statement, index, text, -1, transient)
        case .blob(let data):
            data.withUnsafeBytes { bytes in
                _ = sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), transient)
            }
        }
    }

    private static func readRow(_ statement: OpaquePointer) -> SQLRow {
        var columns: [String: SQLValue] = [:]
        for index in 0..<sqlite3_column_count(statement) {
            let name = String(cString: sqlite3_column_name(statement, index))
            columns[name] = readColumn(statement, index)
        }
        return SQLRow(columns: columns)
    }

    private static func readColumn(_ statement: OpaquePointer, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, index) else { return .null }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let bytes = sqlite3_column_blob(statement, index), count > 0 else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default: return .null
        }
    }

    private static func errorText(_ handle: OpaquePointer) -> String {
        String(cString: sqlite3_errmsg(handle))
    }
}
