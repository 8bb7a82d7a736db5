package ai.millrace.core.internal.doctor;

import ai.millrace.core.doctor.DoctorFinding;
import ai.millrace.core.doctor.Severity;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects findings with paths made relative to the workspace root. Not thread-safe.
 */
public final class Findings {
    private final WorkspacePaths paths;
    private final List<DoctorFinding> list = new ArrayList<>();

    /**
     * Creates a collector.
     *
     * @param paths the workspace
     */
    public Findings(WorkspacePaths paths) {
        this.paths = paths;
    }

    /** @return the workspace */
    public WorkspacePaths paths() {
        return paths;
    }

    /**
     * Adds an error.
     *
     * @param code the code
     * @param path the path, or null
     * @param message what is wrong
     * @param fix what to do
     */
    public void error(String code, Path path, String message, String fix) {
        list.add(new DoctorFinding(code, Severity.ERROR, relative(path), message, fix));
    }

    /**
     * Adds a warning.
     *
     * @param code the code
     * @param path the path, or null
     * @param message what is wrong
     * @param fix what to do
     */
    public void warning(String code, Path path, String message, String fix) {
        list.add(new DoctorFinding(code, Severity.WARNING, relative(path), message, fix));
    }

    /** @return the findings so far */
    public List<DoctorFinding> all() {
        return List.copyOf(list);
    }

    /**
     * Renders a path relative to the workspace root with {@code /}.
     *
     * @param path the path or null
     * @return the relative path, or null
     */
    public String relative(Path path) {
        if (path == null) {
            return null;
        }
        Path abs = path.toAbsolutePath().normalize();
        Path rel = abs.startsWith(paths.workspaceRoot()) ? paths.workspaceRoot().relativize(abs) : abs;
        return rel.toString().replace(File.separatorChar, '/');
    }
}
