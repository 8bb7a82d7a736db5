package ai.millrace.core.internal.closure;

import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.journal.WriteClosureTarget;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps that open a closure target for a root spec (spec 02 section 4.3 step 4): the
 * canonical copies of the seed idea and of the root spec, a fresh gate, and the target state.
 *
 * @param target the new target
 * @param steps the journal steps, in order (copies first, target last)
 * @param events the events to emit once the steps commit
 */
public record TargetOpening(ClosureTargetState target, List<TransitionStep> steps, List<RuntimeEvent> events) {
    /**
     * Copies the lists.
     *
     * @param target the target
     * @param steps the steps
     * @param events the events
     */
    public TargetOpening {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }

    /**
     * Plans the opening of a target for a root spec.
     *
     * @param paths the workspace paths
     * @param spec the root spec
     * @param now the time
     * @return the opening
     */
    public static TargetOpening plan(WorkspacePaths paths, SpecDocument spec, Instant now) {
        String root = spec.rootSpecId() != null ? spec.rootSpecId() : spec.specId();
        String idea = Lineage.seedIdeaIdOf(spec);
        Path contracts = paths.arbiterDir().resolve("contracts");
        Path ideaCopy = contracts.resolve("ideas").resolve(idea + ".md");
        Path specCopy = contracts.resolve("root-specs").resolve(root + ".md");
        Path rubric = paths.arbiterDir().resolve("rubrics").resolve(root + ".md");
        String specText = SeedIdea.specText(paths, spec);
        SeedIdea seed = SeedIdea.resolve(paths, spec, idea, specText);
        ClosureTargetState target = ClosureTargetState.builder()
                .rootSpecId(root)
                .rootIdeaId(idea)
                .rootSpecPath(relative(paths, specCopy))
                .rootIdeaPath(relative(paths, ideaCopy))
                .rubricPath(relative(paths, rubric))
                .closureOpen(true)
                .openedAt(now)
                .build();
        List<TransitionStep> steps = new ArrayList<>();
        steps.add(WriteWorkspaceFile.of(paths, ideaCopy, seed.text()));
        steps.add(WriteWorkspaceFile.of(paths, specCopy, specText));
        steps.add(ClosureGate.fresh(root, now).step(paths));
        steps.add(new WriteClosureTarget(target));
        List<RuntimeEvent> events = new ArrayList<>();
        if (seed.substituted()) {
            events.add(ClosureEvents.of("closure_target_seed_idea_missing", now, "root_spec_id", root,
                    "root_idea_id", idea, "searched_paths", seed.searched(), "substitute_path",
                    relative(paths, ideaCopy), "reason", "no seed idea file found; the root spec stands in as the "
                            + "seed contract"));
        }
        events.add(ClosureEvents.of("closure_target_opened", now, "root_spec_id", root, "root_idea_id", idea,
                "seed_idea_source", seed.source() == null ? null : seed.source().toString(),
                "target_path", relative(paths, paths.closureTargetFile(root))));
        return new TargetOpening(target, steps, events);
    }

    static String relative(WorkspacePaths paths, Path file) {
        return paths.workspaceRoot().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
