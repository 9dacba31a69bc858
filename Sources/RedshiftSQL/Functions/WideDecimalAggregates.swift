/// SUM and AVG of DECIMAL values that are not all 64-bit (see `WideDecimal`): exact `Int128`
/// accumulators whose result is a DECIMAL(38, s) BLOB.
///
/// * `rs_wsum(x)`, `rs_wavg(x)`: x a scaled INTEGER or BLOB (AVG rounds half away from zero at x's scale).
/// * `rs_wsum_mul(a, b, …)`: SUM of the product of DECIMAL(p ≤ 19) factors at the product's scale,
///   computed exactly per row (TPC-H's `SUM(l_extendedprice * (1 - l_discount))` in one step).
///
/// - Redshift: SUM/AVG of DECIMAL(p,s) are DECIMAL(38,s) (r_SUM, r_AVG); past 38 digits,
///   `Numeric data overflow (result precision)`.
enum WideDecimalAggregates {
    static var all: [EmulatedAggregate] {
        [
            EmulatedAggregate("rs_wsum", argumentCount: 1) { Accumulator(average: false) },
            EmulatedAggregate("rs_wavg", argumentCount: 1) { Accumulator(average: true) },
            EmulatedAggregate("rs_wsum_mul", argumentCount: nil) { ProductAccumulator() },
        ]
    }

    final class Accumulator: AggregateAccumulator {
        let average: Bool
        var total: Int128 = 0
        var count: Int64 = 0
        init(average: Bool) { self.average = average }

        func step(_ arguments: [SQLiteValue]) throws {
            guard let x = try WideDecimal.operand(arguments[0]) else { return }
            try add(x)
        }

        func add(_ x: Int128) throws {
            let (sum, overflow) = total.addingReportingOverflow(x)
            guard !overflow else { throw ScaledDecimal.overflow() }
            total = sum
            count &+= 1
        }

        func finish() throws -> SQLiteValue {
            guard count > 0 else { return .null }
            let value = average ? try WideDecimal.quotient(total, 0, Int128(count), 0, scale: 0, truncate: true) : total
            return try WideDecimal.stored(value, precision: 38)
        }
    }

    final class ProductAccumulator: AggregateAccumulator {
        let sum = Accumulator(average: false)

        func step(_ arguments: [SQLiteValue]) throws {
            var product: Int128 = 1
            for argument in arguments {
                guard let factor = try WideDecimal.operand(argument) else { return }
                let (p, overflow) = product.multipliedReportingOverflow(by: factor)
                guard !overflow, p.magnitude < WideDecimal.limit.magnitude else { throw ScaledDecimal.overflow() }
                product = p
            }
            try sum.add(product)
        }

        func finish() throws -> SQLiteValue { try sum.finish() }
    }
}
