package ai.millrace.core.internal.state;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runtime event log {@code logs/runtime_events.jsonl}: one {@link RuntimeEvent} per line.
 *
 * <p>Opening repairs a torn last line left by a crash ({@link TornTailRepair}). An append that
 * would grow the file past the size limit first rotates it to {@code runtime_events.<n>.jsonl},
 * where a higher {@code n} is newer; rotated files are kept. Reading skips (and reports) lines it
 * cannot parse instead of failing the whole log as the original does. Appends are serialized on
 * this instance; one instance per process owns the file.
 */
public final class RuntimeEventLog {
    /** The default rotation size: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private final Path file;
    private final long maxBytes;
    private final AtomicFiles files;
    private final Optional<TornTailRepair.Repaired> repair;
    private final Pattern rotatedName;
    // Kept open between appends: opening the file for every event cost more than writing it.
    private FileChannel channel;

    private RuntimeEventLog(Path file, long maxBytes, AtomicFiles files, Optional<TornTailRepair.Repaired> repair) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        this.repair = repair;
        String stem = stem(file);
        this.rotatedName = Pattern.compile(Pattern.quote(stem) + "\\.(\\d+)\\.jsonl");
    }

    /**
     * Opens the log, repairing a torn last line.
     *
     * @param file the log file, such as {@code WorkspacePaths.runtimeEventsFile()}
     * @param maxBytes the size after which the log rotates; must be positive
     * @param files the write strategy
     * @param clock names the side file of a repair
     * @return the open log
     */
    public static RuntimeEventLog open(Path file, long maxBytes, AtomicFiles files, Clock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return new RuntimeEventLog(file, maxBytes, files, TornTailRepair.repair(file, files, clock));
    }

    /**
     * Tells what opening repaired.
     *
     * @return the repair, or empty when the log was sound
     */
    public Optional<TornTailRepair.Repaired> repairOnOpen() {
        return repair;
    }

    /**
     * Appends one event, rotating first when the line would pass the size limit.
     *
     * @param event the event
     */
    public synchronized void append(RuntimeEvent event) {
        byte[] line = MillraceJson.writeLineBytes(event);
        try {
            if (channel == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            long size = channel.size();
            if (size > 0 && size + line.length > maxBytes) {
                close();
                rotate();
                append(event);
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (files.isDurable()) {
                channel.force(false);
            }
        } catch (IOException e) {
            close();
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Closes the open file, if any; the next append reopens it. */
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Appends were written through; a failed close loses nothing.
            } finally {
                channel = null;
            }
        }
    }

    /**
     * Returns the rotated files, oldest first, then the current file if it exists.
     *
     * @return the files in event order
     */
    public synchronized List<Path> segments() {
        TreeMap<Long, Path> rotated = new TreeMap<>();
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                list.forEach(p -> {
                    Matcher m = rotatedName.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        rotated.put(Long.parseLong(m.group(1)), p);
                    }
                });
            } catch (IOException e) {
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        List<Path> out = new ArrayList<>(rotated.values());
        if (Files.exists(file)) {
            out.add(file);
        }
        return out;
    }

    /**
     * Reads every event of every segment, oldest first.
     *
     * @return the events and the lines that could not be read
     */
    public synchronized ReadResult readAll() {
        List<RuntimeEvent> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path segment : segments()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + segment + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(MillraceJson.read(line, RuntimeEvent.class, segment + ":" + (i + 1)));
                } catch (MillraceException e) {
                    skipped.add(e.detail());
                }
            }
        }
        return new ReadResult(List.copyOf(events), List.copyOf(skipped));
    }

    /**
     * The result of {@link #readAll()}.
     *
     * @param events the events read, oldest first
     * @param skipped one diagnostic (file, line number, what was wrong) per unreadable line
     */
    public record ReadResult(List<RuntimeEvent> events, List<String> skipped) {
    }

    private void rotate() {
        List<Path> segments = segments();
        long next = 1;
        for (Path p : segments) {
            Matcher m = rotatedName.matcher(p.getFileName().toString());
            if (m.matches()) {
                next = Math.max(next, Long.parseLong(m.group(1)) + 1);
            }
        }
        files.move(file, file.resolveSibling(stem(file) + "." + next + ".jsonl"));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }
}
