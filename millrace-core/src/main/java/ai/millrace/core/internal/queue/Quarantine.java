package ai.millrace.core.internal.queue;

import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.Timestamps;
import ai.millrace.core.internal.state.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves a work document that cannot be used aside, never deleting it: {@code <name>.invalid}
 * (or {@code .invalid.1}, {@code .2}, ... when taken), with one line
 * {@code {"at","error","quarantine_name","source_name"}} appended to
 * {@code invalid-artifacts.jsonl} in the same folder. The diagnostic is written before the move,
 * so a crash in between can only repeat it, never lose it. Stateless.
 */
public final class Quarantine {
    /** The diagnostics log in each queue folder. */
    public static final String LOG_NAME = "invalid-artifacts.jsonl";

    private Quarantine() {
    }

    /**
     * Quarantines one file.
     *
     * @param files the write strategy
     * @param clock stamps the diagnostic
     * @param file the file to move aside
     * @param error what is wrong with it and what to do
     * @return the new path of the file
     */
    public static Path quarantine(AtomicFiles files, Clock clock, Path file, String error) {
        String name = file.getFileName().toString();
        Path target = file.resolveSibling(name + ".invalid");
        for (int n = 1; Files.exists(target); n++) {
            target = file.resolveSibling(name + ".invalid." + n);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Timestamps.format(clock.instant()));
        line.put("error", error);
        line.put("quarantine_name", target.getFileName().toString());
        line.put("source_name", name);
        JsonLines.appendSorted(files, file.resolveSibling(LOG_NAME), line);
        files.move(file, target);
        return target;
    }
}
