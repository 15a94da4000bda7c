import Foundation

/// Inputs of one demo run.
public struct DemoOptions: Sendable {
    /// The deployment configuration file.
    public var configPath: String
    /// Folder of `.txt` contracts, split between the two tenants.
    public var contractsDirectory: String
    /// Where `demo-report.json` is written (nil: not written).
    public var reportPath: String?
    /// Folder holding `docassist-agent` and `docassist-tools`.
    public var programDirectory: URL
    /// Overrides the configured data directory (tests use a temporary one).
    public var dataDirectory: String?
    /// At most this many contracts are ingested (nil: all).
    public var contractLimit: Int?
    /// Send the server's log lines to `<data directory>/agentry.log` instead of standard error.
    public var logToFile: Bool = false

    /// Creates options.
    public init(
        configPath: String,
        contractsDirectory: String,
        reportPath: String?,
        programDirectory: URL,
        dataDirectory: String? = nil,
        contractLimit: Int? = nil
    ) {
        self.configPath = configPath
        self.contractsDirectory = contractsDirectory
        self.reportPath = reportPath
        self.programDirectory = programDirectory
        self.dataDirectory = dataDirectory
        self.contractLimit = contractLimit
    }
}
