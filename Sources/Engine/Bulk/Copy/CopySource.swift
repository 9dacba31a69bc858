import Foundation
import ObjectStore
import RedshiftSQL

/// The files one COPY reads: every object under the key prefix (in key order), or the entries of a
/// manifest; and the errors Redshift reports when they cannot be had.
///
/// - Redshift: copy-parameters-data-source-s3 (a prefix loads every object whose key begins with
///   it; MANIFEST: `{"entries": [{"url": "s3://…", "mandatory": true, "meta": {"content_length": n}}]}`,
///   a missing mandatory file fails the COPY, a missing optional one is skipped).
/// - Divergence: Redshift's texts for a missing bucket, a denied request and an unreachable endpoint
///   carry S3's request ids; the emulator's keep the S3 error words only.
struct CopySource {
    /// One file to load.
    struct File: Equatable {
        var location: S3Location
        var size: Int64
    }

    let store: any ObjectStore

    func files(for plan: CopyPlan) throws -> [File] {
        guard let location = S3Location(url: plan.source) else {
            throw SQLError(code: "XX000", message: "Invalid S3 URL: '\(plan.source)'")
        }
        if plan.isManifest { return try manifestFiles(at: location) }
        let objects: [ObjectInfo]
        do {
            objects = try store.list(bucket: location.bucket, prefix: location.key)
        } catch let error as ObjectStoreError {
            throw Self.sqlError(error)
        }
        // Keys that are "folders" (end in /) hold no data.
        let files = objects.filter { !$0.location.key.hasSuffix("/") }.map { File(location: $0.location, size: $0.size) }
        guard !files.isEmpty else {
            throw SQLError(code: "XX000", message: "The specified S3 prefix '\(location.key)' does not exist")
        }
        return files
    }

    private func manifestFiles(at location: S3Location) throws -> [File] {
        let bytes: [UInt8]
        do {
            guard let info = try store.head(location) else {
                throw SQLError(code: "XX000", message: "Problem reading manifest file - S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey")
            }
            bytes = try store.read(location, offset: 0, length: Int(min(info.size, 64 * 1024 * 1024)))
        } catch let error as ObjectStoreError {
            if error.kind == .noSuchKey {
                throw SQLError(code: "XX000", message: "Problem reading manifest file - S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey")
            }
            throw Self.sqlError(error)
        }
        let malformed = SQLError(code: "XX000", message: "Manifest file is not in correct json format")
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let entries = root["entries"] as? [[String: Any]] else { throw malformed }
        var files: [File] = []
        for entry in entries {
            guard let url = entry["url"] as? String, let file = S3Location(url: url) else { throw malformed }
            let mandatory = (entry["mandatory"] as? Bool) ?? false
            let info: ObjectInfo?
            do { info = try store.head(file) } catch let error as ObjectStoreError where error.kind == .noSuchBucket {
                info = nil
            } catch let error as ObjectStoreError {
                throw Self.sqlError(error)
            }
            guard let info else {
                if mandatory {
                    throw SQLError(code: "XX000", message: "Manifest file entry '\(url)' is mandatory but the file does not exist")
                }
                continue
            }
            files.append(File(location: file, size: info.size))
        }
        return files
    }

    /// Redshift's text for a store failure (the S3 error words).
    static func sqlError(_ error: ObjectStoreError) -> SQLError {
        switch error.kind {
        case .noSuchBucket:
            return SQLError(code: "XX000", message: "S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket")
        case .noSuchKey:
            return SQLError(code: "XX000", message: "S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey")
        case .accessDenied:
            return SQLError(code: "XX000", message: "S3ServiceException:Access Denied,Status 403,Error AccessDenied")
        case .invalidKey:
            return SQLError(code: "XX000", message: "S3ServiceException:Invalid key: \(error.message),Status 400,Error InvalidArgument")
        case .unreachable:
            return SQLError(code: "XX000", message: "S3ServiceException:Unable to reach the S3 endpoint: \(error.message)")
        case .other:
            return SQLError(code: "XX000", message: "S3ServiceException:\(error.message)")
        }
    }
}
