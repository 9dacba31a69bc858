import Foundation

/// An object store held in memory: for unit tests of COPY, UNLOAD and the file formats.
public final class MemoryObjectStore: ObjectStore, @unchecked Sendable {   // `objects` only under `lock`
    private let lock = NSLock()
    private var buckets: Set<String>
    private var objects: [S3Location: [UInt8]] = [:]

    /// A store with these (empty) buckets.
    public init(buckets: Set<String> = []) { self.buckets = buckets }

    /// Stores `bytes` at `location`, creating its bucket.
    public func put(_ location: S3Location, _ bytes: [UInt8]) {
        lock.withLock {
            buckets.insert(location.bucket)
            objects[location] = bytes
        }
    }

    /// The bytes at `location`, if any.
    public func bytes(at location: S3Location) -> [UInt8]? { lock.withLock { objects[location] } }

    public func list(bucket: String, prefix: String) throws -> [ObjectInfo] {
        try lock.withLock {
            guard buckets.contains(bucket) else { throw ObjectStoreError(.noSuchBucket, "The specified bucket does not exist") }
            return objects.filter { $0.key.bucket == bucket && $0.key.key.hasPrefix(prefix) }
                .map { ObjectInfo(location: $0.key, size: Int64($0.value.count)) }
                .sorted { $0.location < $1.location }
        }
    }

    public func head(_ location: S3Location) throws -> ObjectInfo? {
        lock.withLock { objects[location].map { ObjectInfo(location: location, size: Int64($0.count)) } }
    }

    public func reader(for location: S3Location) throws -> any ByteReader {
        guard let bytes = bytes(at: location) else { throw ObjectStoreError(.noSuchKey, "The specified key does not exist.") }
        return ArrayByteReader(bytes)
    }

    public func read(_ location: S3Location, offset: Int64, length: Int) throws -> [UInt8] {
        guard let bytes = bytes(at: location) else { throw ObjectStoreError(.noSuchKey, "The specified key does not exist.") }
        let start = min(Int(offset), bytes.count)
        return Array(bytes[start..<min(start + length, bytes.count)])
    }

    public func writer(for location: S3Location) throws -> any ObjectWriter {
        guard lock.withLock({ buckets.contains(location.bucket) }) else {
            throw ObjectStoreError(.noSuchBucket, "The specified bucket does not exist")
        }
        return MemoryObjectWriter(store: self, location: location)
    }

    public func delete(_ locations: [S3Location]) throws {
        lock.withLock { for location in locations { objects[location] = nil } }
    }

    public var summary: String { "memory" }
}

/// Reads an array in chunks.
public final class ArrayByteReader: ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(maxLength: Int) throws -> [UInt8] {
        let end = min(position + maxLength, bytes.count)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}

private final class MemoryObjectWriter: ObjectWriter {
    private let store: MemoryObjectStore
    private let location: S3Location
    private var buffer: [UInt8] = []

    init(store: MemoryObjectStore, location: S3Location) {
        self.store = store
        self.location = location
    }

    func write(_ bytes: [UInt8]) throws { buffer.append(contentsOf: bytes) }

    func finish() throws -> ObjectInfo {
        store.put(location, buffer)
        return ObjectInfo(location: location, size: Int64(buffer.count))
    }

    func abort() { buffer = [] }
}
