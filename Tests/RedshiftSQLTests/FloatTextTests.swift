import Testing
@testable import RedshiftSQL

/// REAL and DOUBLE PRECISION text output: PostgreSQL's (and so Redshift's) float4/float8 output
/// with extra_float_digits 0: 6 and 15 significant digits, trailing zeros dropped, integral
/// values without a point, exponents as e+NN / e-NN (r_Numeric_types201, "Floating-point types").
@Suite struct FloatTextTests {
    @Test(arguments: [
        (0.25, "0.25"), (-1.5, "-1.5"), (2.0, "2"), (0.1 + 0.2, "0.3"),
        (123456.789, "123456.789"), (1.0 / 3.0, "0.333333333333333"), (1e20, "1e+20"),
        (-1.5e-7, "-1.5e-07"), (1.23456789012345e-300, "1.23456789012345e-300"),
        (Double.nan, "NaN"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
    ])
    func doublePrecision(value: Double, text: String) {
        #expect(RedshiftType.doublePrecision.text(of: .real(value)) == text)
    }

    @Test(arguments: [(1.0 / 3.0, "0.333333"), (3.14159265, "3.14159"), (1.5e-10, "1.5e-10"), (0.000012345678, "1.23457e-05")])
    func real(value: Double, text: String) {
        #expect(RedshiftType.real.text(of: .real(value)) == text)
    }
}
