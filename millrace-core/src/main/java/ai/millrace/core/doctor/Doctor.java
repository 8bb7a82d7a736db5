package ai.millrace.core.doctor;

import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.doctor.DefinitionCheck;
import ai.millrace.core.internal.doctor.DoctorRepair;
import ai.millrace.core.internal.doctor.Findings;
import ai.millrace.core.internal.doctor.LayoutCheck;
import ai.millrace.core.internal.doctor.LintCheck;
import ai.millrace.core.internal.doctor.QueueCheck;
import ai.millrace.core.internal.doctor.RuntimeConfigCheck;
import ai.millrace.core.internal.doctor.SignalCheck;
import ai.millrace.core.internal.doctor.StateCheck;
import ai.millrace.core.workspace.ManagedAssets;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code millrace doctor}: checks a workspace and reports every problem found, with a code, a
 * severity, the path concerned and a fix.
 *
 * <p>{@link #check(Path)} is read-only: it writes nothing, opens no queue store (which would
 * quarantine) and compiles in memory only. It runs every check of spec 02 section 7.3 with the
 * original's codes, asset lint (spec 01 section 5.6), and checks of this port's own durable state:
 * {@code transition_journal_uncommitted}, {@code transition_journal_damaged},
 * {@code atomic_temp_file_stray}, {@code dispatch_record_orphaned}, {@code work_item_duplicate},
 * {@code queue_artifact_quarantined} and {@code usage_governance_ledger_damaged}.
 *
 * <p>{@link #repair(Path)} first makes the repairs the journal and reconciliation can make (and
 * clears a stale or invalid ownership lock, and cuts a torn ledger tail), only when no live
 * runtime owns the workspace, then checks again.
 *
 * <p>Immutable and thread-safe.
 */
public final class Doctor {
    private final Clock clock;
    private final PluginRegistry plugins;
    private final Set<String> knownRunners;
    private final Predicate<String> onPath;
    private final AtomicFiles files;

    private Doctor(Builder b) {
        this.clock = b.clock;
        this.plugins = b.plugins;
        Set<String> runners = new TreeSet<>(b.knownRunners);
        b.plugins.runnerProviders().forEach(p -> runners.add(p.id()));
        this.knownRunners = Set.copyOf(runners);
        this.onPath = b.onPath;
        this.files = b.files;
    }

    /**
     * Returns a doctor with the system clock, no plugins, the runners {@code codex_cli} and
     * {@code pi_rpc}, and the system {@code PATH}.
     *
     * @return the doctor
     */
    public static Doctor create() {
        return builder().build();
    }

    /**
     * Returns a builder.
     *
     * @return a builder with the defaults of {@link #create()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a workspace without changing anything.
     *
     * @param workspaceRoot the workspace root {@code W}
     * @return the report
     */
    public DoctorReport check(Path workspaceRoot) {
        Findings f = new Findings(WorkspacePaths.of(Objects.requireNonNull(workspaceRoot, "workspaceRoot")));
        LayoutCheck.run(f);
        if (!Files.isDirectory(f.paths().runtimeRoot())) {
            return new DoctorReport(f.all(), List.of());
        }
        StateCheck.Loaded loaded = StateCheck.run(f, clock);
        SignalCheck.run(f, loaded);
        QueueCheck.run(f);
        DefinitionCheck.run(f, packagedLoopIds());
        LintCheck.run(f);
        RuntimeConfigCheck.run(f, plugins, clock, knownRunners, onPath);
        return new DoctorReport(f.all(), List.of());
    }

    /**
     * Repairs what can be repaired safely, then checks. Nothing is repaired while a live runtime
     * owns the workspace (the report's repairs then say so).
     *
     * @param workspaceRoot the workspace root {@code W}
     * @return the report after the repairs, listing them
     */
    public DoctorReport repair(Path workspaceRoot) {
        WorkspacePaths paths = WorkspacePaths.of(Objects.requireNonNull(workspaceRoot, "workspaceRoot"));
        List<String> repairs = List.of();
        if (Files.isDirectory(paths.stateDir())) {
            SecureRandom random = new SecureRandom();
            repairs = DoctorRepair.repair(paths, files, clock, () -> {
                byte[] b = new byte[8];
                random.nextBytes(b);
                return HexFormat.of().formatHex(b);
            });
        }
        return new DoctorReport(check(workspaceRoot).findings(), repairs);
    }

    private Set<String> packagedLoopIds() {
        Set<String> ids = new HashSet<>();
        for (var asset : ManagedAssets.packaged().assets()) {
            if (asset.family().equals("graphs")) {
                try {
                    var tree = ai.millrace.compiler.internal.json.MillraceJson.readTree(
                            new String(asset.content(), java.nio.charset.StandardCharsets.UTF_8), asset.relativePath());
                    if (tree.path("loop_id").isTextual()) {
                        ids.add(tree.path("loop_id").asText());
                    }
                } catch (RuntimeException e) {
                    // A broken packaged graph is reported by the compile check.
                }
            }
        }
        return ids;
    }

    /**
     * Configures a {@link Doctor}. Not thread-safe.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private PluginRegistry plugins = PluginRegistry.empty();
        private final Set<String> knownRunners = new TreeSet<>(List.of("codex_cli", "pi_rpc"));
        private Predicate<String> onPath = RuntimeConfigCheck::onSystemPath;
        private AtomicFiles files = AtomicFiles.DURABLE;

        private Builder() {
        }

        /**
         * Sets the clock (lock heartbeats, repair stamps).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the plugins the compile check sees; their runner ids count as known.
         *
         * @param plugins the plugins
         * @return this builder
         */
        public Builder plugins(PluginRegistry plugins) {
            this.plugins = Objects.requireNonNull(plugins, "plugins");
            return this;
        }

        /**
         * Adds runner ids that count as known (runners registered programmatically).
         *
         * @param runnerIds the ids
         * @return this builder
         */
        public Builder knownRunners(Set<String> runnerIds) {
            knownRunners.addAll(runnerIds);
            return this;
        }

        /**
         * Sets how runner binaries are looked up.
         *
         * @param onPath true when a command can be executed
         * @return this builder
         */
        public Builder binaryLookup(Predicate<String> onPath) {
            this.onPath = Objects.requireNonNull(onPath, "onPath");
            return this;
        }

        /**
         * Sets the write strategy of repairs.
         *
         * @param files the strategy
         * @return this builder
         */
        public Builder files(AtomicFiles files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /**
         * Builds the doctor.
         *
         * @return the doctor
         */
        public Doctor build() {
            return new Doctor(this);
        }
    }
}
