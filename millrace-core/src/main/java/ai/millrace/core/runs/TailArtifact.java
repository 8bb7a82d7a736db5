package ai.millrace.core.runs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The file {@code millrace runs tail} shows for a run, chosen in this order: the troubleshoot
 * report, the latest standard output, the latest standard error, the latest stage result file.
 *
 * @param kind {@code troubleshoot_report}, {@code stdout}, {@code stderr} or {@code stage_result}
 * @param path the file
 */
public record TailArtifact(String kind, Path path) {
    /**
     * Checks the fields.
     *
     * @param kind see the class
     * @param path see the class
     */
    public TailArtifact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }
}
