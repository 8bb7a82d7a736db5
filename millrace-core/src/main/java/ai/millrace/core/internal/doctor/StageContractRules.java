package ai.millrace.core.internal.doctor;

import ai.millrace.api.StageMetadata;
import ai.millrace.api.TerminalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This port's own checks of the stage contract an entrypoint or skill teaches, on top of the
 * original's lint: an entrypoint names only results its stage may report (and its own running
 * marker), requires its own stage-core skill, and never tells the agent to write runtime-owned
 * state or move queue documents; a stage-core skill has the nine sections, in order.
 */
final class StageContractRules {
    /** The sections of a stage-core skill, in order. */
    static final List<String> CORE_SKILL_SECTIONS = List.of("Purpose", "Quick Start", "Operating Constraints",
            "Inputs This Skill Expects", "Output Contract", "Procedure", "Pitfalls And Gotchas",
            "Progressive Disclosure", "Verification Pattern");

    private static final Pattern MARKER = Pattern.compile("###\\s+([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern REQUIRED_SKILL = Pattern.compile("^- `([a-z0-9][a-z0-9-]*)`");
    private static final Pattern RUNTIME_STATE = Pattern.compile(
            "(_status\\.md|runtime_snapshot\\.json|recovery_counters\\.json)");
    private static final Pattern QUEUE_MOVE = Pattern.compile(
            "\\b(move|rename|delete|remove)\\b.*\\b(tasks|specs|incidents|learning/requests)/"
                    + "(queue|active|done|blocked|incoming|resolved)\\b");
    private static final Pattern WRITE_VERB = Pattern.compile("\\b(write|update|edit|modify|change|set)\\b");
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(never|not|no other|don't|do not|must not|cannot|only the runtime|the runtime alone|runtime-owned|read-only|"
                    + "owned by the runtime|it alone)\\b");

    private StageContractRules() {
    }

    /**
     * Checks an entrypoint's body against its stage.
     *
     * @param body the entrypoint text
     * @param stage the stage it drives
     * @param rules where findings go
     */
    static void checkEntrypoint(String body, StageMetadata stage, LintRules rules) {
        List<String> illegal = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (NEGATION.matcher(line.toLowerCase(Locale.ROOT)).find()) {
                continue; // "never print `### SUMMARY`" names a marker in order to forbid it
            }
            Matcher m = MARKER.matcher(line);
            while (m.find()) {
                String token = m.group(1);
                boolean legal = stage.isLegal(TerminalResult.of(token)) || token.equals(stage.runningStatusMarker());
                if (!legal && !illegal.contains(token)) {
                    illegal.add(token);
                }
            }
        }
        if (!illegal.isEmpty()) {
            rules.contract("entrypoint names terminal result(s) " + illegal + " that stage " + stage.stage()
                    + " cannot report", "name only " + stage.legalTerminalResults());
        }
        String expected = stage.stage().value() + "-core";
        boolean inRequired = false;
        for (String line : body.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("## ")) {
                inRequired = trimmed.toLowerCase(Locale.ROOT).equals("## required stage-core skill");
                continue;
            }
            Matcher skill = REQUIRED_SKILL.matcher(trimmed);
            if (inRequired && skill.find() && !skill.group(1).equals(expected)) {
                rules.contract("entrypoint requires `" + skill.group(1) + "` instead of its own stage-core skill `"
                        + expected + "`", "list `" + expected + "` under '## Required Stage-Core Skill'");
            }
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (NEGATION.matcher(lower).find()) {
                continue;
            }
            if (RUNTIME_STATE.matcher(lower).find() && WRITE_VERB.matcher(lower).find()) {
                rules.policy("asset tells the agent to write runtime-owned state: '" + trimmed + "'",
                        "the runtime writes status markers, the snapshot and the counters; say so instead");
            } else if (QUEUE_MOVE.matcher(lower).find()) {
                rules.policy("asset tells the agent to move queue documents: '" + trimmed + "'",
                        "the runtime moves work documents between queue folders; say so instead");
            }
        }
    }

    /**
     * Checks that a stage-core skill has its nine sections, in order.
     *
     * @param body the skill text after the front matter
     * @param rules where findings go
     */
    static void checkCoreSkill(String body, LintRules rules) {
        List<String> sections = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("## ")) {
                sections.add(line.substring(3).strip());
            }
        }
        if (!sections.equals(CORE_SKILL_SECTIONS)) {
            rules.structural("stage-core skill sections are " + sections + "; expected " + CORE_SKILL_SECTIONS,
                    "use exactly the nine '## ' sections, in order");
        }
    }

    /**
     * Looks up the stage an entrypoint drives.
     *
     * @param stage the stage name from the manifest, may be null
     * @param stages the known stages
     * @return the metadata, or null
     */
    static StageMetadata stageOf(Object stage, Map<String, StageMetadata> stages) {
        return stage instanceof String ? stages.get(stage) : null;
    }
}
