import Foundation

/// Builds the command line that starts an agent program inside its sandbox.
///
/// With bubblewrap the agent runs as `nobody` in a user namespace with every capability dropped, in its own PID,
/// IPC, UTS and cgroup namespaces, and sees a minimal file system: `/usr` (and the merged-usr links), the
/// read-only paths the launcher is given (by default `/opt`, where a Swift runtime may live), a few files of `/etc`,
/// fresh `/dev`, `/proc` and `/tmp`, its own program files read-only, and its working directory — nothing else of
/// the host, so no data directory, key ring, other session or home directory. It dies with Agentry
/// (`--die-with-parent`). Loopback is shared so the agent can call back into Agentry (see the Runtime notes on
/// network isolation). Without bubblewrap the agent is a plain process in its own group and directory.
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
    /// Directories mounted read-only in every sandbox besides `/usr`.
    public let readOnlyPaths: [String]
    /// The `agentry-portal` program that relays a network-isolated sandbox's traffic, if available.
    public let portal: String?

    /// True when each sandbox gets a network of its own (bubblewrap and the portal are both available): agents
    /// then reach nothing but Agentry, and nothing reaches them but Agentry.
    public var isolatesNetwork: Bool { usesBubblewrap && portal != nil }
    private static let bubblewrap = "/usr/bin/bwrap"
    private static let etcFiles = [
        "/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/localtime", "/etc/ld.so.cache", "/etc/ssl",
        "/etc/ca-certificates", "/etc/alternatives",
    ]

    /// Creates a launcher.
    /// - Parameters:
    ///   - mode: isolation mode. Default `auto`.
    ///   - readOnlyPaths: extra host directories agents may read (runtimes, interpreters). Default `/opt`.
    ///   - portal: path of `agentry-portal`; without it sandboxes share the host's loopback network.
    public init(mode: Mode = .auto, readOnlyPaths: [String] = ["/opt"], portal: String? = nil) {
        let available = FileManager.default.isExecutableFile(atPath: Self.bubblewrap)
        usesBubblewrap = mode == .bubblewrap || (mode == .auto && available)
        self.readOnlyPaths = readOnlyPaths
        self.portal = portal.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    /// The full argument vector for `program`, working in `directory`.
    public func command(for program: [String], directory: String) -> [String] {
        guard usesBubblewrap else { return program }
        var arguments = [
            Self.bubblewrap, "--die-with-parent", "--new-session", "--unshare-user", "--disable-userns", "--uid",
            "65534", "--gid",
            "65534", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--cap-drop", "ALL",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
        ]
        if isolatesNetwork { arguments.append("--unshare-net") }
        for path in readOnlyPaths + Self.etcFiles {
            arguments += ["--ro-bind-try", path, path]
        }
        // The sandbox user is host root without capabilities: kernel settings and the SysRq trigger must be
        // read-only to it, and it may not create user namespaces of its own.
        arguments += [
            "--dev", "/dev", "--proc", "/proc", "--ro-bind", "/proc/sys", "/proc/sys", "--ro-bind-try",
            "/proc/sysrq-trigger", "/proc/sysrq-trigger", "--tmpfs", "/tmp",
        ]
        // Only the program files themselves, never their folders (a folder could hold the data directory).
        for file in programFiles(program) {
            arguments += ["--ro-bind", file, file]
        }
        arguments += ["--bind", directory, directory, "--chdir", directory, "--"]
        return arguments + program
    }

    private func programFiles(_ program: [String]) -> [String] {
        program.filter { path in
            var isDirectory: ObjCBool = false
            return path.hasPrefix("/") && !path.hasPrefix("/usr/")
                && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}
