import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a stored file: sequentially (`ByteReader`) or at an offset (`pread`, which leaves the
/// sequential position alone). The descriptor closes when the reader goes away.
final class LocalFileReader: ByteReader {
    private let descriptor: Int32
    private let location: S3Location
    private var position: Int64 = 0

    init(path: String, location: S3Location) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ObjectStoreError(errno == ENOENT ? .noSuchKey : .other,
                                   errno == ENOENT ? "The specified key does not exist."
                                                   : "Cannot open \(location): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.location = location
    }

    deinit { close(descriptor) }

    func read(maxLength: Int) throws -> [UInt8] {
        let bytes = try read(offset: position, length: maxLength)
        position += Int64(bytes.count)
        return bytes
    }

    /// Up to `length` bytes from `offset`; fewer only at the end of the file.
    func read(offset: Int64, length: Int) throws -> [UInt8] {
        guard length > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: length)
        var filled = 0
        while filled < length {
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, length - filled, off_t(offset) + off_t(filled))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ObjectStoreError(.other, "Cannot read \(location): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
        }
        buffer.removeLast(length - filled)
        return buffer
    }
}
