import ArgumentParser

/// `emulatord`: a local Amazon Redshift Data API emulator.
@main
struct Emulatord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulatord",
        abstract: "A local Amazon Redshift emulator: the Redshift Data API on SQLite.",
        subcommands: [ServeCommand.self, RecordCommand.self, ImportCommand.self, ReplayCommand.self, CompareCommand.self],
        defaultSubcommand: ServeCommand.self)
}
