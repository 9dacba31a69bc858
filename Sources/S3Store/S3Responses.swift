import Foundation
import ObjectStore

/// One page of a ListObjectsV2 answer.
struct ListObjectsPage: Equatable {
    var objects: [ObjectInfo]
    /// The token for the next page; nil on the last one.
    var continuationToken: String?

    /// Parses `<ListBucketResult>`; nil when the body is something else.
    init?(xml data: Data, bucket: String) {
        guard let root = XMLTree.parse(data), root.name == "ListBucketResult" else { return nil }
        objects = root.children("Contents").compactMap { entry in
            guard let key = entry.value("Key") else { return nil }
            return ObjectInfo(location: S3Location(bucket: bucket, key: key), size: Int64(entry.value("Size") ?? "") ?? 0,
                              lastModified: entry.value("LastModified").flatMap(S3Time.parseISO8601))
        }
        let truncated = root.value("IsTruncated")?.lowercased() == "true"
        continuationToken = truncated ? root.value("NextContinuationToken") : nil
    }
}

/// S3's `<Error>` body.
struct S3ErrorBody: Equatable {
    var code: String
    var message: String

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// Parses `<Error><Code>…</Code><Message>…</Message></Error>`; nil for anything else.
    init?(xml data: Data) {
        guard let root = XMLTree.parse(data), root.name == "Error", let code = root.value("Code") else { return nil }
        self.code = code
        message = root.value("Message") ?? ""
    }
}

/// Timestamps in S3's two formats.
enum S3Time {
    /// `2009-10-12T17:50:30.000Z` (list results), with or without fractional seconds.
    static func parseISO8601(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// `Wed, 12 Oct 2009 17:50:00 GMT` (the `Last-Modified` header).
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
