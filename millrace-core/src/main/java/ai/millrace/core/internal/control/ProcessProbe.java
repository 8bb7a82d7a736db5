package ai.millrace.core.internal.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Asks the operating system about processes, through {@link ProcessHandle}. Stateless.
 */
final class ProcessProbe {
    /** Start times read twice for one process can differ by rounding; a reused pid differs by more. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private ProcessProbe() {
    }

    static long currentPid() {
        return ProcessHandle.current().pid();
    }

    static Instant currentStart() {
        return ProcessHandle.current().info().startInstant().orElse(null);
    }

    /** Returns the start time of a live process: empty when not running, empty-in-optional when unknown. */
    static Optional<Optional<Instant>> liveStart(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return Optional.empty();
        }
        return Optional.of(handle.get().info().startInstant());
    }

    static boolean sameStart(Instant recorded, Instant actual) {
        return Duration.between(recorded, actual).abs().compareTo(START_TOLERANCE) < 0;
    }

    static String hostname() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "unknown-host" : name;
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
