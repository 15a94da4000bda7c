import AgentryCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started without a shell, in its own process group, with an explicit environment and working
/// directory, its output appended to a log file. It is always reaped.
public final class ChildProcess: Sendable {
    /// Process id (also the process-group id).
    public let pid: pid_t

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `arguments[0]` with `arguments[1...]`.
    ///
    /// - Parameters:
    ///   - arguments: program path and arguments; nothing is interpreted by a shell.
    ///   - environment: the complete environment (nothing is inherited).
    ///   - directory: working directory.
    ///   - logPath: file receiving standard output and error.
    /// - Returns: the started process.
    /// - Throws: `runtime.start_failed`.
    public static func spawn(
        _ arguments: [String],
        environment: [String: String],
        directory: String,
        logPath: String
    ) throws -> ChildProcess {
        // Glibc's `posix_spawn_file_actions_addchdir_np` is not imported into Swift, so coreutils' `env -C`
        // (no shell involved) sets the working directory.
        let arguments = ["/usr/bin/env", "-C", directory, "--"] + arguments
        guard let program = arguments.first else { throw RuntimeError.startFailed }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // A group of its own, so stopping the session stops everything the agent started.
        // No blocked signals and default dispositions for the stop signals, whatever the parent has (test runners
        // block signals; `agentry serve` ignores SIGTERM while it waits for it).
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        )
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        // Spawn from one long-lived thread: a sandbox's "die with parent" signal fires when the *thread* that
        // started it exits, and Swift's pool threads may come and go.
        let (status, pid) = SpawnThread.shared.run {
            var pid: pid_t = 0
            let status = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
            return (status, pid)
        }
        guard status == 0 else { throw RuntimeError.startFailed }
        return ChildProcess(pid: pid)
    }

    /// True while the process has not exited (does not reap).
    ///
    /// Reads `/proc` rather than `waitid`, which fails when the host process ignores `SIGCHLD` (test runners do).
    public var isRunning: Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// CPU seconds (user + system) the process has used so far, read from `/proc/<pid>/stat`.
    public func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3, utime 14, stime 15 (1-based, proc(5)).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Sends SIGTERM to the group, waits up to `grace` seconds, then SIGKILL, and reaps the process.
    /// - Returns: CPU seconds the process used, from the kernel's accounting at exit.
    @discardableResult
    public func terminate(grace: TimeInterval = 2) async -> Double {
        let lastReading = cpuSeconds() ?? 0
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if isRunning { kill(-pid, SIGKILL) }
        return reap() ?? lastReading
    }

    /// Reaps the process; nil when it was already reaped elsewhere (`SIGCHLD` ignored).
    private func reap() -> Double? {
        var status: Int32 = 0
        var usage = rusage()
        let result = wait4(pid, &status, 0, &usage)
        // Anything the agent left behind in its group goes too.
        kill(-pid, SIGKILL)
        guard result == pid else { return nil }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private func seconds(_ value: timeval) -> Double {
        Double(value.tv_sec) + Double(value.tv_usec) / 1_000_000
    }
}
