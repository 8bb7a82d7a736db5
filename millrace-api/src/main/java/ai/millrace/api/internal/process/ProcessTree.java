package ai.millrace.api.internal.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a harness process as the leader of its own process group and kills the whole tree.
 *
 * <p>Agent CLIs start children of their own (Codex's Node wrapper starts a native binary, Pi runs
 * tools in shells); killing only the direct child leaves them running. On Linux and macOS the
 * process is started through {@code setsid}, so it leads a new process group, and {@link #kill}
 * signals the whole group ({@code kill -TERM -<pgid>}, then {@code -KILL} after a grace period). It
 * also walks {@link ProcessHandle#descendants()} as a second net, for children that left the
 * group. Without {@code setsid} (for example on Windows) only the descendant walk is used.
 *
 * <p>Internal to Millrace: exported only to the harness modules. Thread-safe.
 */
public final class ProcessTree {
    private static final Path SETSID = findExecutable("setsid");
    private static final Path KILL = findExecutable("kill");

    private ProcessTree() {
    }

    /**
     * Tells whether processes started here lead their own process group.
     *
     * @return true when {@code setsid} and {@code kill} are available
     */
    public static boolean groupsSupported() {
        return SETSID != null && KILL != null;
    }

    /**
     * Starts a process as the leader of a new process group when possible. The builder's
     * redirects are kept; callers should redirect standard input from {@link #nullFile()} unless
     * they talk to the process over it.
     *
     * @param builder the configured builder; its command is prefixed with {@code setsid}
     * @return the started process
     * @throws IOException when the process cannot be started (for example the binary is missing)
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        if (SETSID != null) {
            List<String> command = new ArrayList<>();
            command.add(SETSID.toString());
            command.addAll(builder.command());
            ProcessBuilder wrapped = new ProcessBuilder(command)
                    .directory(builder.directory())
                    .redirectInput(builder.redirectInput())
                    .redirectOutput(builder.redirectOutput())
                    .redirectError(builder.redirectError())
                    .redirectErrorStream(builder.redirectErrorStream());
            wrapped.environment().clear();
            wrapped.environment().putAll(builder.environment());
            return wrapped.start();
        }
        return builder.start();
    }

    /**
     * Returns the null device, for standard input of processes that must not wait on it.
     *
     * @return {@code /dev/null}, or {@code NUL} on Windows
     */
    public static File nullFile() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Kills a process and everything it started: a polite signal to the whole group and every
     * known descendant, then, after {@code grace}, a forced kill of whatever is left. Returns when
     * the process has exited (or after a further short wait if it will not).
     *
     * @param process the process started by {@link #start(ProcessBuilder)}
     * @param grace how long to wait between the polite and the forced signal
     * @return the processes that were still alive after the forced kill (normally empty)
     */
    public static List<ProcessHandle> kill(Process process, Duration grace) {
        long pgid = process.pid();
        List<ProcessHandle> tree = snapshot(process.toHandle());
        signalGroup(pgid, "TERM");
        tree.forEach(ProcessHandle::destroy);
        waitFor(tree, grace);
        List<ProcessHandle> survivors = alive(snapshotAgain(process.toHandle(), tree));
        if (!survivors.isEmpty()) {
            signalGroup(pgid, "KILL");
            survivors.forEach(ProcessHandle::destroyForcibly);
            waitFor(survivors, Duration.ofSeconds(5));
        }
        return alive(survivors);
    }

    /**
     * Returns the process and its descendants that are still alive.
     *
     * @param process the process
     * @return live members of the tree
     */
    public static List<ProcessHandle> liveTree(Process process) {
        return alive(snapshot(process.toHandle()));
    }

    private static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    private static List<ProcessHandle> snapshotAgain(ProcessHandle root, List<ProcessHandle> before) {
        List<ProcessHandle> all = new ArrayList<>(before);
        root.descendants().filter(h -> !all.contains(h)).forEach(all::add);
        return all;
    }

    private static List<ProcessHandle> alive(List<ProcessHandle> handles) {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle h : handles) {
            if (h.isAlive()) {
                alive.add(h);
            }
        }
        return alive;
    }

    private static void waitFor(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit never fails; nothing to wait for.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void signalGroup(long pgid, String signal) {
        if (!groupsSupported()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(KILL.toString(), "-" + signal, "--", "-" + pgid)
                    .redirectInput(nullFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // The descendant walk still runs.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Resolves a command the way a shell would: a name with a slash is taken as a path, any other
     * name is searched in {@code pathVariable}.
     *
     * @param command the command, such as {@code codex} or {@code /opt/bin/pi}
     * @param pathVariable the {@code PATH} to search, may be null for the JVM's own
     * @return the executable, or empty when there is none (so a harness can report "binary not found")
     */
    public static Optional<Path> which(String command, String pathVariable) {
        if (command.contains("/") || command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = pathVariable != null ? pathVariable : Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path findExecutable(String name) {
        return which(name, Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin")).orElse(null);
    }
}
