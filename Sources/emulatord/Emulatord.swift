import ArgumentParser
import Foundation

/// `emulatord`: a local Amazon Redshift Data API emulator.
@main
struct Emulatord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulatord",
        abstract: "A local Amazon Redshift emulator: the Redshift Data API on SQLite.",
        subcommands: [ServeCommand.self, RecordCommand.self, ImportCommand.self, ReplayCommand.self, CompareCommand.self],
        defaultSubcommand: ServeCommand.self)

    /// Runs the chosen subcommand. Bad usage exits 2, as the CLI contract says (DESIGN.md), rather
    /// than swift-argument-parser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
