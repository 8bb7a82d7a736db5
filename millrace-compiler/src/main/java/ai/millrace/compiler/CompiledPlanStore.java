package ai.millrace.compiler;

import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.state.CompileDiagnostics;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The persisted plan ({@code millrace-agents/state/compiled_plan.json}) and diagnostics
 * ({@code millrace-agents/state/compile_diagnostics.json}) of one workspace, with the
 * last-known-good rules of spec 01 section 4.9.
 *
 * <p>Writes are atomic and durable. A missing, unreadable or invalid plan file reads as "no plan",
 * never as an error. Thread-safe in the sense that every method works on files only; callers that
 * compile concurrently in one workspace should serialize {@link #compileAndPersist}.
 */
public final class CompiledPlanStore {
    private final Path planFile;
    private final Path diagnosticsFile;
    private final AtomicFiles files;

    /**
     * Creates a store writing durably.
     *
     * @param workspaceRoot the workspace root (the folder holding {@code millrace-agents/})
     */
    public CompiledPlanStore(Path workspaceRoot) {
        this(workspaceRoot, AtomicFiles.DURABLE);
    }

    CompiledPlanStore(Path workspaceRoot, AtomicFiles files) {
        Path state = Objects.requireNonNull(workspaceRoot, "workspaceRoot").resolve("millrace-agents").resolve("state");
        this.planFile = state.resolve("compiled_plan.json");
        this.diagnosticsFile = state.resolve("compile_diagnostics.json");
        this.files = files;
    }

    /**
     * Returns the plan file path.
     *
     * @return {@code <workspace>/millrace-agents/state/compiled_plan.json}
     */
    public Path planFile() {
        return planFile;
    }

    /**
     * Returns the diagnostics file path.
     *
     * @return {@code <workspace>/millrace-agents/state/compile_diagnostics.json}
     */
    public Path diagnosticsFile() {
        return diagnosticsFile;
    }

    /**
     * Loads the persisted plan.
     *
     * @return the plan, or empty when the file is missing, unreadable or invalid
     */
    public Optional<CompiledRunPlan> loadPlan() {
        return load(planFile, CompiledRunPlan.class);
    }

    /**
     * Loads the persisted diagnostics.
     *
     * @return the diagnostics, or empty when the file is missing, unreadable or invalid
     */
    public Optional<CompileDiagnostics> loadDiagnostics() {
        return load(diagnosticsFile, CompileDiagnostics.class);
    }

    /**
     * Writes a plan atomically.
     *
     * @param plan the plan
     */
    public void savePlan(CompiledRunPlan plan) {
        files.write(planFile, MillraceJson.writeBytes(plan));
    }

    /**
     * Writes diagnostics atomically.
     *
     * @param diagnostics the diagnostics
     */
    public void saveDiagnostics(CompileDiagnostics diagnostics) {
        files.write(diagnosticsFile, MillraceJson.writeBytes(diagnostics));
    }

    /**
     * Compiles and persists, keeping the last known good plan when the compile fails.
     *
     * <table>
     *   <caption>Decisions</caption>
     *   <tr><th>situation</th><th>writes</th><th>active plan</th></tr>
     *   <tr><td>{@code compileIfNeeded} and the persisted plan is current</td><td>nothing</td><td>persisted</td></tr>
     *   <tr><td>compile succeeds</td><td>plan, ok diagnostics</td><td>new</td></tr>
     *   <tr><td>fails, no persisted plan</td><td>failed diagnostics</td><td>none</td></tr>
     *   <tr><td>fails, persisted plan, not {@code refuseStale}</td><td>failed diagnostics with a warning</td>
     *       <td>persisted (last known good)</td></tr>
     *   <tr><td>fails, {@code refuseStale}, persisted plan current</td><td>failed diagnostics with a warning</td>
     *       <td>persisted (last known good)</td></tr>
     *   <tr><td>fails, {@code refuseStale}, persisted plan stale</td><td>failed diagnostics</td><td>none</td></tr>
     * </table>
     *
     * @param compiler the compiler for this workspace
     * @param requestedModeId the mode, or null for the configured default
     * @param compileIfNeeded reuse a current persisted plan without compiling
     * @param refuseStaleLastKnownGood never fall back to a stale persisted plan
     * @return the outcome, never null
     * @throws ai.millrace.api.MillraceException with {@code STORAGE_FAILED} when a state file cannot be written
     */
    public CompileOutcome compileAndPersist(PlanCompiler compiler, String requestedModeId, boolean compileIfNeeded,
            boolean refuseStaleLastKnownGood) {
        Optional<CompiledRunPlan> persisted = loadPlan();
        if (compileIfNeeded && persisted.isPresent()) {
            CurrentnessReport report = compiler.currentness(persisted.get(), requestedModeId);
            if (report.state() == PlanCurrentness.CURRENT) {
                CompileDiagnostics fresh = new CompileDiagnostics(true, compiler.resolveModeId(requestedModeId),
                        List.of(), List.of(), compiler.now());
                return new CompileOutcome(persisted.get(), fresh, false, report.expectedFingerprint(),
                        PlanCompiler.stageRegistryOf(persisted.get()), false);
            }
        }
        CompileResult result = compiler.compile(requestedModeId);
        if (result.ok()) {
            savePlan(result.plan());
            saveDiagnostics(result.diagnostics());
            return new CompileOutcome(result.plan(), result.diagnostics(), false,
                    result.plan().compileInputFingerprint(), result.stageRegistry(), true);
        }
        if (persisted.isEmpty()) {
            saveDiagnostics(result.diagnostics());
            return new CompileOutcome(null, result.diagnostics(), false, null, result.stageRegistry(), true);
        }
        CompiledRunPlan lastKnownGood = persisted.get();
        CurrentnessReport report = compiler.currentness(lastKnownGood, requestedModeId);
        if (refuseStaleLastKnownGood && report.state() != PlanCurrentness.CURRENT) {
            saveDiagnostics(result.diagnostics());
            return new CompileOutcome(null, result.diagnostics(), false, report.expectedFingerprint(),
                    result.stageRegistry(), true);
        }
        CompileDiagnostics failed = result.diagnostics();
        List<String> warnings = new ArrayList<>(failed.warnings());
        warnings.add("compile failed; keeping last known good plan " + lastKnownGood.compiledPlanId()
                + " (" + report.state() + ", mode " + lastKnownGood.modeId() + ")");
        CompileDiagnostics withWarning = new CompileDiagnostics(false, failed.modeId(), failed.errors(), warnings,
                failed.emittedAt());
        saveDiagnostics(withWarning);
        StageMetadataRegistry registry = PlanCompiler.stageRegistryOf(lastKnownGood);
        return new CompileOutcome(lastKnownGood, withWarning, true, report.expectedFingerprint(), registry, true);
    }

    private static <T> Optional<T> load(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MillraceJson.read(file, type));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
