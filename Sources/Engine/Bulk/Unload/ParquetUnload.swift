import RedshiftSQL

/// UNLOAD … FORMAT PARQUET (r_UNLOAD › FORMAT AS PARQUET).
enum ParquetUnload {
    static func sinkFactory(_ columns: [ResultColumn], options: UnloadOptions) throws -> UnloadStream.OpenSink {
        throw SQLError(code: "0A000", message: "UNLOAD to PARQUET is not supported yet by the emulator")
    }
}
