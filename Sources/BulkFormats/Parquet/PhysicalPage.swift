/// The non-null values of a page (or a dictionary) in their physical type, in flat typed
/// buffers: no `BulkValue` and no array per value. Byte array values are ranges of one buffer
/// (the decompressed page, or the dictionary's buffer for dictionary-encoded pages).
struct PhysicalPage {
    enum Kind { case boolean, int32, int64, float, double, bytes }

    let kind: Kind
    var booleans: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    /// Byte array values: value `i` is `bytes[starts[i]..<ends[i]]`.
    var bytes: [UInt8] = []
    var starts: [Int32] = []
    var ends: [Int32] = []

    init(kind: Kind) { self.kind = kind }

    var count: Int {
        switch kind {
        case .boolean: return booleans.count
        case .int32: return int32s.count
        case .int64: return int64s.count
        case .float: return floats.count
        case .double: return doubles.count
        case .bytes: return starts.count
        }
    }

    static func kind(of physical: PhysicalType) -> Kind {
        switch physical {
        case .boolean: return .boolean
        case .int32: return .int32
        case .int64: return .int64
        case .float: return .float
        case .double: return .double
        default: return .bytes
        }
    }

    /// Values decoded the general way (`PlainDecoder`, the delta and RLE decoders).
    init(_ values: PhysicalValues) {
        switch values {
        case .booleans(let v): kind = .boolean; booleans = v
        case .int32s(let v): kind = .int32; int32s = v
        case .int64s(let v): kind = .int64; int64s = v
        case .floats(let v): kind = .float; floats = v
        case .doubles(let v): kind = .double; doubles = v
        case .byteArrays(let v):
            kind = .bytes
            bytes.reserveCapacity(v.reduce(0) { $0 + $1.count })
            starts.reserveCapacity(v.count)
            ends.reserveCapacity(v.count)
            for value in v {
                starts.append(Int32(bytes.count))
                bytes.append(contentsOf: value)
                ends.append(Int32(bytes.count))
            }
        }
    }

    /// `count` PLAIN values of `physical` type from the cursor, read in place: fixed-width
    /// numbers as whole buffers, byte arrays as ranges of the page. The errors of `PlainDecoder`.
    static func plain(_ cursor: inout ByteCursor, physical: PhysicalType, typeLength: Int, count: Int) throws -> PhysicalPage {
        func numbers<T>(_ width: Int, _ type: T.Type) throws -> [T] {
            guard count <= cursor.remaining / width else { throw ByteCursor.truncated }
            let range = try cursor.take(count * width)
            return cursor.bytes.withUnsafeBytes { raw in
                (0..<count).map { raw.loadUnaligned(fromByteOffset: range.lowerBound + $0 * width, as: T.self) }
            }
        }
        var page = PhysicalPage(kind: kind(of: physical))
        switch physical {
        case .int32: page.int32s = try numbers(4, Int32.self).map { Int32(littleEndian: $0) }
        case .int64: page.int64s = try numbers(8, Int64.self).map { Int64(littleEndian: $0) }
        case .float: page.floats = try numbers(4, UInt32.self).map { Float(bitPattern: UInt32(littleEndian: $0)) }
        case .double: page.doubles = try numbers(8, UInt64.self).map { Double(bitPattern: UInt64(littleEndian: $0)) }
        case .byteArray:
            guard count <= cursor.remaining / 4 else { throw ByteCursor.truncated }
            page.bytes = cursor.bytes
            page.starts.reserveCapacity(count)
            page.ends.reserveCapacity(count)
            for _ in 0..<count {
                let length = Int(try cursor.readUInt32())
                let range = try cursor.take(length)
                page.starts.append(Int32(range.lowerBound))
                page.ends.append(Int32(range.upperBound))
            }
        case .fixedLenByteArray, .int96:
            let width = physical == .int96 ? 12 : typeLength
            guard width > 0 || count == 0 else { throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: fixed length \(width)") }
            guard width == 0 || count <= cursor.remaining / width else { throw ByteCursor.truncated }
            page.bytes = cursor.bytes
            page.starts.reserveCapacity(count)
            page.ends.reserveCapacity(count)
            for _ in 0..<count {
                let range = try cursor.take(width)
                page.starts.append(Int32(range.lowerBound))
                page.ends.append(Int32(range.upperBound))
            }
        default:
            return PhysicalPage(try PlainDecoder.decode(&cursor, type: physical, typeLength: typeLength, count: count))
        }
        return page
    }

    /// The dictionary's entries at `indices` (dictionary-encoded data pages); throws for an index
    /// past the dictionary's end.
    func gathering(_ indices: [UInt32]) throws -> PhysicalPage {
        let size = count
        for index in indices where Int(index) >= size {
            throw ParquetError(.corruptPage, "Invalid Parquet page: dictionary index \(index) out of range")
        }
        var page = PhysicalPage(kind: kind)
        switch kind {
        case .boolean: page.booleans = indices.map { booleans[Int($0)] }
        case .int32: page.int32s = indices.map { int32s[Int($0)] }
        case .int64: page.int64s = indices.map { int64s[Int($0)] }
        case .float: page.floats = indices.map { floats[Int($0)] }
        case .double: page.doubles = indices.map { doubles[Int($0)] }
        case .bytes:
            page.bytes = bytes
            page.starts = indices.map { starts[Int($0)] }
            page.ends = indices.map { ends[Int($0)] }
        }
        return page
    }

    /// Byte array value `index`, in place.
    @inline(__always)
    func withBytes<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let start = Int(starts[index]), end = Int(ends[index])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
