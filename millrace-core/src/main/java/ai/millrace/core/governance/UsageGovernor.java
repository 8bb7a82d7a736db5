package ai.millrace.core.governance;

import ai.millrace.api.MillraceException;
import ai.millrace.api.config.SubscriptionQuotaRulesConfig;
import ai.millrace.api.config.TokenRule;
import ai.millrace.api.config.UsageGovernanceConfig;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.PauseSource;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.governance.CalendarWeeks;
import ai.millrace.core.internal.governance.QuotaRuleCheck;
import ai.millrace.core.internal.governance.TokenRuleCheck;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code [usage_governance]} rules into the {@code usage_governance} pause source.
 *
 * <p>The runtime calls {@link #recordStageResult} once per applied stage result and
 * {@link #evaluate(RuntimeSnapshot, String)} between stages, then stores
 * {@link GovernanceDecision#applyTo(RuntimeSnapshot)}. Evaluation is incremental: it reads the
 * in-memory window index of the {@link UsageLedger} and never rescans stage results or the ledger
 * file. The decision only ever adds or removes {@code usage_governance}, so an operator resume
 * (which removes {@code operator}) cannot lift it, and a caller that dropped it by mistake gets it
 * back at the next evaluation while a blocker holds. When every blocker has cleared and
 * {@code auto_resume} is true the source is removed; with {@code auto_resume = false} it stays
 * until governance is disabled.
 *
 * <p>Each enabled evaluation writes {@code state/usage_governance_state.json} atomically. When
 * governance is disabled the state file is written only if it already exists or the pause source
 * was held, and the source is removed.
 *
 * <p>Thread-safe: evaluations are serialized.
 */
public final class UsageGovernor {
    private static final Logger LOG = LoggerFactory.getLogger(UsageGovernor.class);

    private final Path stateFile;
    private final AtomicFiles files;
    private final UsageLedger ledger;
    private final QuotaTelemetry telemetry;
    private final Clock clock;
    private UsageGovernanceConfig config;
    private CalendarWeeks weeks;
    private QuotaReading lastReading;
    private List<UsageBlocker> lastBlockers;

    private UsageGovernor(Builder b) {
        this.stateFile = b.paths.usageGovernanceStateFile();
        this.files = b.files;
        this.ledger = Objects.requireNonNull(b.ledger, "ledger");
        this.telemetry = b.telemetry;
        this.clock = b.clock;
        this.lastBlockers = previousBlockers(stateFile);
        configure(Objects.requireNonNull(b.config, "config"));
    }

    /**
     * Returns a builder.
     *
     * @param paths the workspace
     * @param ledger the opened ledger of that workspace
     * @return a builder with default configuration (disabled), unavailable telemetry, the UTC
     *     system clock and durable writes
     */
    public static Builder builder(WorkspacePaths paths, UsageLedger ledger) {
        return new Builder(paths, ledger);
    }

    /**
     * Replaces the configuration (after a config reload). Usage already counted is kept.
     *
     * @param config the new configuration
     */
    public synchronized void configure(UsageGovernanceConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.weeks = CalendarWeeks.of(config.calendarTimezone());
        if (weeks.warning() != null) {
            LOG.warn(weeks.warning());
        }
    }

    /** @return the ledger this governor counts with */
    public UsageLedger ledger() {
        return ledger;
    }

    /**
     * Counts the token usage of one stage result in the ledger, once: only when governance and
     * runtime token rules are enabled and the result carries token usage. A second call for the
     * same request id (for example after a restart re-applies the result) is ignored.
     *
     * @param result the normalized result
     * @param requestId the stage request id
     * @param stageResultPath the stage result file relative to the workspace, or null
     * @param daemonSessionId the runtime session, or null offline
     * @return true when the usage was counted now
     */
    public boolean recordStageResult(StageResultEnvelope result, String requestId, String stageResultPath,
            String daemonSessionId) {
        UsageGovernanceConfig c;
        synchronized (this) {
            c = config;
        }
        if (!c.enabled() || !c.runtimeTokenRules().enabled()) {
            return false;
        }
        return ledger.record(result, requestId, stageResultPath, daemonSessionId);
    }

    /**
     * Evaluates against a snapshot: its pause sources and its active runs (for {@code per_run}).
     *
     * @param snapshot the current snapshot
     * @param daemonSessionId the runtime session (its ownership lock session), or null offline
     * @return the decision; apply it with {@link GovernanceDecision#applyTo(RuntimeSnapshot)}
     */
    public GovernanceDecision evaluate(RuntimeSnapshot snapshot, String daemonSessionId) {
        List<String> runs = new ArrayList<>();
        for (ActiveRunState run : snapshot.activeRunsByPlane().values()) {
            runs.add(run.runId());
        }
        return evaluate(snapshot.pauseSources(), daemonSessionId, runs);
    }

    /**
     * Evaluates every configured rule now.
     *
     * @param currentSources the pause sources currently held
     * @param daemonSessionId the runtime session, or null offline
     * @param activeRunIds the runs active now (the {@code per_run} window)
     * @return the decision
     */
    public synchronized GovernanceDecision evaluate(Collection<PauseSource> currentSources, String daemonSessionId,
            Collection<String> activeRunIds) {
        Instant now = clock.instant();
        boolean held = currentSources.contains(PauseSource.USAGE_GOVERNANCE);
        List<String> warnings = new ArrayList<>();
        if (weeks.warning() != null) {
            warnings.add(weeks.warning());
        }
        warnings.addAll(ledger.openWarnings());
        if (!config.enabled()) {
            GovernanceDecision d = new GovernanceDecision(now, false, List.of(), held ? PauseChange.CLEAR : PauseChange.NONE,
                    null, held ? ruleIds(lastBlockers) : List.of(), warnings);
            if (held || Files.exists(stateFile)) {
                persist(d, daemonSessionId, quotaStatus(null));
            }
            lastBlockers = List.of();
            return d;
        }
        List<UsageBlocker> blockers = new ArrayList<>();
        if (config.runtimeTokenRules().enabled()) {
            ledger.withIndex(index -> {
                index.advance(now, weeks.weekStart(now));
                for (TokenRule rule : config.runtimeTokenRules().rules()) {
                    TokenRuleCheck.check(rule, index, weeks, now, daemonSessionId, activeRunIds).ifPresent(blockers::add);
                }
                return null;
            });
        }
        QuotaReading reading = null;
        SubscriptionQuotaRulesConfig quota = config.subscriptionQuotaRules();
        if (quota.enabled()) {
            reading = refreshedReading(quota, now);
            if (!reading.available()) {
                warnings.add("subscription quota telemetry is degraded (" + reading.detail() + "); policy "
                        + quota.degradedPolicy());
            }
            blockers.addAll(QuotaRuleCheck.check(quota, reading));
        }
        PauseChange change = !blockers.isEmpty() ? (held ? PauseChange.KEEP : PauseChange.SET)
                : !held ? PauseChange.NONE : config.autoResume() ? PauseChange.CLEAR : PauseChange.KEEP;
        GovernanceDecision d = new GovernanceDecision(now, true, blockers, change, nextResume(blockers),
                change == PauseChange.CLEAR ? ruleIds(lastBlockers) : List.of(), warnings);
        persist(d, daemonSessionId, quotaStatus(reading));
        if (!blockers.isEmpty()) {
            lastBlockers = List.copyOf(blockers);
        } else if (change != PauseChange.KEEP) {
            lastBlockers = List.of();
        }
        return d;
    }

    private QuotaReading refreshedReading(SubscriptionQuotaRulesConfig quota, Instant now) {
        Duration maxAge = Duration.ofSeconds(quota.refreshIntervalSeconds());
        if (lastReading == null || !lastReading.readAt().plus(maxAge).isAfter(now) || lastReading.readAt().isAfter(now)) {
            QuotaReading read;
            try {
                read = telemetry.read(now);
            } catch (RuntimeException e) {
                read = QuotaReading.unavailable("quota telemetry failed: " + e, now);
            }
            lastReading = read == null ? QuotaReading.unavailable(QuotaReading.UNAVAILABLE, now) : read;
        }
        return lastReading;
    }

    private QuotaStatus quotaStatus(QuotaReading reading) {
        SubscriptionQuotaRulesConfig q = config.subscriptionQuotaRules();
        if (!config.enabled() || !q.enabled() || reading == null) {
            return new QuotaStatus(false, q.provider(), QuotaStatus.DISABLED, q.degradedPolicy(), null, null, null);
        }
        java.util.Map<String, QuotaWindowReading> windows = new java.util.TreeMap<>();
        reading.windows().forEach((w, r) -> windows.put(w.wireName(), r));
        return new QuotaStatus(true, q.provider(), reading.available() ? QuotaStatus.HEALTHY : QuotaStatus.DEGRADED,
                q.degradedPolicy(), reading.detail(), reading.readAt(), windows);
    }

    private static Instant nextResume(List<UsageBlocker> blockers) {
        Instant min = null;
        for (UsageBlocker b : blockers) {
            if (!b.autoResumePossible() || b.nextAutoResumeAt() == null) {
                return null;
            }
            min = min == null || b.nextAutoResumeAt().isBefore(min) ? b.nextAutoResumeAt() : min;
        }
        return min;
    }

    private void persist(GovernanceDecision d, String sessionId, QuotaStatus quota) {
        boolean possible = !d.blockers().isEmpty() && d.blockers().stream().allMatch(UsageBlocker::autoResumePossible);
        UsageGovernanceState state = new UsageGovernanceState(d.enabled(), config.autoResume(), possible,
                config.evaluationBoundary(), weeks.zone().getId(), sessionId, d.evaluatedAt(), d.blockers(), d.paused(),
                d.nextAutoResumeAt(), ledger.countedResults(), d.warnings(), quota);
        files.write(stateFile, MillraceJson.writeBytes(state));
    }

    private static List<String> ruleIds(List<UsageBlocker> blockers) {
        List<String> ids = new ArrayList<>();
        blockers.forEach(b -> ids.add(b.ruleId()));
        return ids;
    }

    private static List<UsageBlocker> previousBlockers(Path stateFile) {
        if (!Files.isRegularFile(stateFile)) {
            return List.of();
        }
        try {
            return UsageGovernanceState.read(stateFile).activeBlockers();
        } catch (MillraceException e) {
            LOG.warn("ignoring unreadable governance state {}: {}", stateFile, e.getMessage());
            return List.of();
        }
    }

    /**
     * Configures a {@link UsageGovernor}. Not thread-safe.
     */
    public static final class Builder {
        private final WorkspacePaths paths;
        private final UsageLedger ledger;
        private UsageGovernanceConfig config = UsageGovernanceConfig.defaults();
        private QuotaTelemetry telemetry = QuotaTelemetry.unavailable();
        private Clock clock = Clock.systemUTC();
        private AtomicFiles files = AtomicFiles.DURABLE;

        private Builder(WorkspacePaths paths, UsageLedger ledger) {
            this.paths = Objects.requireNonNull(paths, "paths");
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        /**
         * Sets the configuration.
         *
         * @param config the {@code [usage_governance]} table
         * @return this builder
         */
        public Builder config(UsageGovernanceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets the subscription quota telemetry.
         *
         * @param telemetry the telemetry
         * @return this builder
         */
        public Builder telemetry(QuotaTelemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
            return this;
        }

        /**
         * Sets the clock that decides which windows are current.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the write strategy of the state file.
         *
         * @param files the strategy
         * @return this builder
         */
        public Builder files(AtomicFiles files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /**
         * Builds the governor; reads the previous state file (if any) to report cleared rules.
         *
         * @return the governor
         */
        public UsageGovernor build() {
            return new UsageGovernor(this);
        }
    }
}
