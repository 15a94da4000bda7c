import Foundation

/// Builds the command line that starts an agent program inside its sandbox.
///
/// With bubblewrap the agent sees the host file system read-only, a private `/tmp`, its own PID, IPC and UTS
/// namespaces, and only its own working directory writable; the data directory (other sessions' sandboxes,
/// SQLite stores and keys) is hidden under an empty tmpfs. Loopback is shared so the agent can call back into
/// Agentry. The sandbox dies with Agentry (`--die-with-parent`). Without bubblewrap the agent is a plain process in
/// its own group and directory.
public struct SandboxLauncher: Sendable {
    /// Isolation modes.
    public enum Mode: String, Sendable, Codable {
        /// Use bubblewrap when `/usr/bin/bwrap` exists, otherwise a plain process.
        case auto
        /// Always bubblewrap; fail to start otherwise.
        case bubblewrap
        /// A plain child process (own group, own directory, scrubbed environment).
        case process
    }

    /// Whether sandboxes use bubblewrap.
    public let usesBubblewrap: Bool
    /// Directories hidden from every sandbox.
    public let hiddenDirectories: [String]
    private static let bubblewrap = "/usr/bin/bwrap"

    /// Creates a launcher.
    public init(mode: Mode = .auto, hiddenDirectories: [String]) {
        let available = FileManager.default.isExecutableFile(atPath: Self.bubblewrap)
        usesBubblewrap = mode == .bubblewrap || (mode == .auto && available)
        self.hiddenDirectories = hiddenDirectories
    }

    /// The full argument vector for `program`, working in `directory`.
    public func command(for program: [String], directory: String) -> [String] {
        guard usesBubblewrap else { return program }
        var arguments = [
            Self.bubblewrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
        ]
        for hidden in hiddenDirectories {
            arguments += ["--tmpfs", hidden]
        }
        // Program files that the tmpfs mounts above would hide (a checkout under /tmp, say) come back read-only.
        for directory in programDirectories(program) where isHidden(directory) {
            arguments += ["--ro-bind", directory, directory]
        }
        arguments += ["--bind", directory, directory, "--chdir", directory, "--"]
        return arguments + program
    }

    private func programDirectories(_ program: [String]) -> [String] {
        program.filter { $0.hasPrefix("/") && FileManager.default.fileExists(atPath: $0) }
            .map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
    }

    private func isHidden(_ path: String) -> Bool {
        (["/tmp"] + hiddenDirectories).contains { path == $0 || path.hasPrefix($0 + "/") }
    }
}
