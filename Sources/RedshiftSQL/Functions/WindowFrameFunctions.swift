import Foundation

extension EmulatedFunctions {
    /// Helpers for window frames of BLOB-stored values (`Analyzer+WideDecimalWindow`):
    /// `rs_blob_to_json(x)` ("x<hex>" for a BLOB), `rs_json_to_blob(t)` (its inverse) and
    /// `rs_wdecimal_frame(json, average)` (exact SUM/AVG of a frame's DECIMAL values, DECIMAL(38, s)).
    ///
    /// - Redshift: SUM and AVG window functions (r_WF_SUM, r_WF_AVG).
    static var windowFrameFunctions: [EmulatedFunction] {
        [
            EmulatedFunction("rs_blob_to_json", argumentCount: 1) { args in
                if case .blob(let bytes) = args[0] { return .text("x" + VarbyteCodec.hex(bytes)) }
                return args[0]
            },
            EmulatedFunction("rs_json_to_blob", argumentCount: 1) { args in
                guard case .text(let text) = args[0], text.first == "x", let bytes = VarbyteCodec.bytes(hex: String(text.dropFirst())) else { return args[0] }
                return .blob(bytes)
            },
            EmulatedFunction("rs_wdecimal_frame", argumentCount: 2) { args in
                guard case .text(let json) = args[0],
                      let items = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any] else { return .null }
                let accumulator = WideDecimalAggregates.Accumulator(average: args[1] == .integer(1))
                for item in items {
                    if let text = item as? String {
                        guard text.first == "x", let bytes = VarbyteCodec.bytes(hex: String(text.dropFirst())) else { continue }
                        try accumulator.step([.blob(bytes)])
                    } else if let number = item as? NSNumber, !(item is NSNull) {
                        try accumulator.step([.integer(number.int64Value)])
                    }
                }
                return try accumulator.finish()
            },
        ]
    }
}
