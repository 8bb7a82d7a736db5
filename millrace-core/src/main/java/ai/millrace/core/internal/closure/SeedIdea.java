package ai.millrace.core.internal.closure;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the seed idea of a root spec (spec 02 section 4.3 step 3): the first existing file
 * among the spec's references (relative to the workspace unless absolute), then
 * {@code W/ideas/inbox/<source_id>.md}, then {@code W/ideas/inbox/<root_idea_id>.md}.
 *
 * @param text the seed text to copy as the canonical idea contract
 * @param source the file it came from (absolute), or null when the spec stands in for it
 * @param searched the candidates that were looked at, in order (absolute paths)
 */
public record SeedIdea(String text, Path source, List<String> searched) {
    /**
     * Tells whether no idea file was found and the root spec stands in as the seed contract.
     *
     * @return true when the spec substitutes for the idea
     */
    public boolean substituted() {
        return source == null;
    }

    /**
     * Resolves a spec's seed idea. When no candidate exists, the root spec's own markdown is the
     * seed, under a one-line note saying so (the claim is never orphaned, spec 02 section 12
     * item 5).
     *
     * @param paths the workspace paths
     * @param spec the root spec
     * @param rootIdeaId the root idea id of the target
     * @param specText the root spec's markdown
     * @return the seed
     */
    public static SeedIdea resolve(WorkspacePaths paths, SpecDocument spec, String rootIdeaId, String specText) {
        List<Path> candidates = new ArrayList<>();
        Path w = paths.workspaceRoot();
        for (String ref : spec.references()) {
            try {
                Path p = Path.of(ref.trim());
                candidates.add(p.isAbsolute() ? p : w.resolve(p).normalize());
            } catch (InvalidPathException e) {
                // A reference that is not a path (a URL, prose) is not a candidate.
            }
        }
        if (spec.sourceId() != null) {
            candidates.add(paths.ideasInboxDir().resolve(spec.sourceId() + ".md"));
        }
        candidates.add(paths.ideasInboxDir().resolve(rootIdeaId + ".md"));
        List<String> searched = new ArrayList<>();
        for (Path p : candidates) {
            searched.add(p.toString());
            if (Files.isRegularFile(p)) {
                try {
                    return new SeedIdea(Files.readString(p, StandardCharsets.UTF_8), p, searched);
                } catch (IOException e) {
                    // Unreadable (or not UTF-8): try the next candidate.
                }
            }
        }
        String note = "<!-- millrace: no seed idea file was found for root_idea_id=" + rootIdeaId
                + "; the root spec " + spec.specId() + " stands in as the seed contract -->\n";
        return new SeedIdea(note + specText, null, searched);
    }

    /**
     * Returns the markdown of a spec as it is on disk (queue, active, done or blocked folder), or
     * its canonical rendering when no file exists.
     *
     * @param paths the workspace paths
     * @param spec the spec
     * @return the markdown
     */
    public static String specText(WorkspacePaths paths, SpecDocument spec) {
        for (QueueState state : List.of(QueueState.ACTIVE, QueueState.QUEUED, QueueState.DONE, QueueState.BLOCKED)) {
            Path p = paths.documentFile(WorkItemKind.SPEC, state, spec.specId());
            if (Files.isRegularFile(p)) {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    break;
                }
            }
        }
        return WorkDocumentMarkdown.render(spec);
    }
}
