import Foundation

/// Coders for `application/x-amz-json-1.1`: timestamps as epoch seconds with a millisecond fraction,
/// absent members omitted, unknown input members ignored (reference data-api.md §1.2).
public enum AWSJSON {
    public static let contentType = "application/x-amz-json-1.1"

    /// Decodes an operation input. An empty body means `{}`; a body that is not the right JSON is a
    /// `SerializationException`, the error AWS JSON services answer for undecodable input.
    public static func decodeInput<T: Decodable>(_ type: T.Type, from body: Data) throws -> T {
        let data = body.isEmpty ? Data("{}".utf8) : body
        // JSONDecoder does not check escapes inside members it skips; a body with escapes is
        // checked in full, so `{"Unknown": "\x41"}` is refused like any other invalid JSON.
        if data.contains(UInt8(ascii: "\\")), (try? JSONSerialization.jsonObject(with: data)) == nil {
            throw DataAPIError(.serialization, "Request body is not valid JSON")
        }
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw DataAPIError(.serialization, describe(error))
        } catch {
            throw DataAPIError(.serialization, "Request body is not valid JSON")
        }
    }

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        if let fast = value as? FastJSONEncodable {   // result pages: the hot path
            var writer = JSONWriter(capacity: 64 * 1024)
            fast.writeJSON(to: &writer)
            return writer.data
        }
        return try encoder.encode(value)
    }

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let seconds = try decoder.singleValueContainer().decode(Double.self)
            return Date(timeIntervalSince1970: seconds)
        }
        return decoder
    }()

    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(epochSeconds(date))
        }
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// Epoch seconds rounded to the millisecond, as the service sends them (`1598323175.823`).
    public static func epochSeconds(_ date: Date) -> Double {
        (date.timeIntervalSince1970 * 1000).rounded() / 1000
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }.joined(separator: ".")
            return path.isEmpty ? "Start of structure or map found where not expected."
                : "Unexpected value type for member \(path)"
        case .keyNotFound(let key, _):
            return "Missing member \(key.stringValue)"
        case .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "Request body is not valid JSON" : "Invalid value for member \(path)"
        @unknown default:
            return "Request body could not be read"
        }
    }
}
