import Foundation
import GRDB
import GRDBSQLite
import RedshiftSQL

/// Registers `EmulatedAggregate`s on a raw SQLite connection.
///
/// GRDB's `DatabaseAggregate` needs a type per aggregate; ours are values (a name and a factory),
/// so they go through `sqlite3_create_function_v2` directly. Each group's accumulator lives in
/// SQLite's aggregate context as a retained pointer, released in `xFinal`.
public enum AggregateRegistration {
    /// The factory SQLite hands back through `sqlite3_user_data`.
    private final class Factory {
        let aggregate: EmulatedAggregate
        init(_ aggregate: EmulatedAggregate) { self.aggregate = aggregate }
    }

    /// The accumulator stored in one group's aggregate context (nil until the first row).
    private final class Box {
        let accumulator: any AggregateAccumulator
        var failed = false
        init(_ accumulator: any AggregateAccumulator) { self.accumulator = accumulator }
    }

    public static func install(_ aggregates: [EmulatedAggregate], on connection: OpaquePointer) {
        for aggregate in aggregates {
            let factory = Unmanaged.passRetained(Factory(aggregate)).toOpaque()
            sqlite3_create_function_v2(
                connection, aggregate.name, Int32(aggregate.argumentCount ?? -1), SQLITE_UTF8, factory,
                nil, step, final, { pointer in pointer.map { Unmanaged<AnyObject>.fromOpaque($0).release() } })
        }
    }

    /// The group's box slot: SQLite zero-fills a new aggregate context.
    private static func slot(_ context: OpaquePointer?, create: Bool) -> UnsafeMutablePointer<UnsafeMutableRawPointer?>? {
        let size = create ? Int32(MemoryLayout<UnsafeMutableRawPointer?>.size) : 0
        return sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    }

    private static func factory(_ context: OpaquePointer?) -> Factory {
        Unmanaged<Factory>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue()
    }

    private static let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
        guard let slot = slot(context, create: true) else { sqlite3_result_error_nomem(context); return }
        let box: Box
        if let existing = slot.pointee {
            box = Unmanaged<Box>.fromOpaque(existing).takeUnretainedValue()
        } else {
            box = Box(factory(context).aggregate.makeAccumulator())
            slot.pointee = Unmanaged.passRetained(box).toOpaque()
        }
        guard !box.failed else { return }
        var arguments: [SQLiteValue] = []
        arguments.reserveCapacity(Int(count))
        for index in 0..<Int(count) { arguments.append(value(values?[index])) }
        do {
            try box.accumulator.step(arguments)
        } catch {
            box.failed = true
            report(error, context)
        }
    }

    private static let final: @convention(c) (OpaquePointer?) -> Void = { context in
        let box: Box
        if let slot = slot(context, create: false), let existing = slot.pointee {
            box = Unmanaged<Box>.fromOpaque(existing).takeRetainedValue()
            slot.pointee = nil
        } else {
            box = Box(factory(context).aggregate.makeAccumulator())
        }
        guard !box.failed else { return }
        do {
            setResult(try box.accumulator.finish(), context)
        } catch {
            report(error, context)
        }
    }

    private static func report(_ error: any Error, _ context: OpaquePointer?) {
        let message = (error as? SQLError).map(SQLErrorTransport.encode) ?? "\(error)"
        sqlite3_result_error(context, message, -1)
    }

    private static func value(_ raw: OpaquePointer?) -> SQLiteValue {
        switch sqlite3_value_type(raw) {
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(raw))
        case SQLITE_FLOAT: return .real(sqlite3_value_double(raw))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_value_text(raw)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(raw))
            guard count > 0, let bytes = sqlite3_value_blob(raw) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the Swift buffer goes away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func setResult(_ result: SQLiteValue, _ context: OpaquePointer?) {
        switch result {
        case .null: sqlite3_result_null(context)
        case .integer(let value): sqlite3_result_int64(context, value)
        case .real(let value): sqlite3_result_double(context, value)
        case .text(let text): sqlite3_result_text(context, text, -1, transient)
        case .blob(let bytes): bytes.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32(bytes.count), transient) }
        }
    }
}
