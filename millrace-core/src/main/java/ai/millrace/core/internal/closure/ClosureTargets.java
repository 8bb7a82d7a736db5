package ai.millrace.core.internal.closure;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the closure targets of a workspace, re-parsing a target file only when its size or
 * modification time or file identity (atomic writes replace the inode) changed, so asking for the open target every tick stays cheap.
 */
public final class ClosureTargets {
    private record Cached(Object fileKey, long mtime, long size, ClosureTargetState target) {
    }

    private final WorkspacePaths paths;
    private final Map<Path, Cached> cache = new HashMap<>();

    /**
     * Creates a reader for a workspace.
     *
     * @param paths the workspace paths
     */
    public ClosureTargets(WorkspacePaths paths) {
        this.paths = paths;
    }

    /**
     * Lists every target, ordered by file name.
     *
     * @return the targets
     * @throws MillraceException MALFORMED_DOCUMENT naming an unreadable target file
     */
    public synchronized List<ClosureTargetState> all() {
        Path dir = paths.arbiterDir().resolve("targets");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !AtomicFiles.isTempFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        cache.keySet().retainAll(files);
        List<ClosureTargetState> out = new ArrayList<>();
        for (Path p : files) {
            read(p).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Returns the open target, if any.
     *
     * @return the single open target, or empty
     * @throws MillraceException WORKSPACE_INVALID when more than one target is open
     */
    public Optional<ClosureTargetState> open() {
        List<ClosureTargetState> open = new ArrayList<>();
        for (ClosureTargetState t : all()) {
            if (Boolean.TRUE.equals(t.closureOpen())) {
                open.add(t);
            }
        }
        if (open.size() > 1) {
            List<String> roots = open.stream().map(ClosureTargetState::rootSpecId).toList();
            throw new MillraceException(ErrorCode.WORKSPACE_INVALID, "multiple open closure targets found ("
                    + String.join(", ", roots) + "); at most one may be open: set \"closure_open\": false and a "
                    + "\"closed_at\" in all but one of " + paths.arbiterDir().resolve("targets"));
        }
        return open.stream().findFirst();
    }

    /**
     * Returns one root's target, if it exists.
     *
     * @param rootSpecId the root spec id
     * @return the target, or empty
     */
    public synchronized Optional<ClosureTargetState> find(String rootSpecId) {
        return read(paths.closureTargetFile(rootSpecId));
    }

    private Optional<ClosureTargetState> read(Path p) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            cache.remove(p);
            return Optional.empty();
        }
        long mtime = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        Cached c = cache.get(p);
        if (c != null && c.mtime == mtime && c.size == a.size() && java.util.Objects.equals(c.fileKey, a.fileKey())) {
            return Optional.of(c.target);
        }
        ClosureTargetState t = MillraceJson.read(p, ClosureTargetState.class);
        cache.put(p, new Cached(a.fileKey(), mtime, a.size(), t));
        return Optional.of(t);
    }
}
