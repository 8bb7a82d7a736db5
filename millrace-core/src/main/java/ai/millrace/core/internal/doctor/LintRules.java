package ai.millrace.core.internal.doctor;

import ai.millrace.api.Plane;
import ai.millrace.api.StageMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-asset lint rules of spec 01 section 5.6, for one asset. Not thread-safe; one per asset.
 */
final class LintRules {
    static final List<String> SEAM_CLAIMS = List.of("queue_selection", "routing", "retry_thresholds",
            "escalation_policy", "status_persistence", "terminal_results", "required_artifacts");
    private static final List<String> DENYLIST = List.of("select the oldest", "pick the next task",
            "write to state/execution_status.md", "write to state/planning_status.md", "route to", "retry up to",
            "you must update the runtime snapshot", "escalate to");
    private static final List<String> NEGATIONS = List.of("do not", "don't", "dont", "must not", "should not", "cannot",
            "can't", "can not", "never", "avoid");
    private static final Pattern FORBIDDEN_HEADER = Pattern.compile("^(not allowed|forbidden|disallowed|prohibited):$");
    private static final Pattern SKILL_BULLET = Pattern.compile("^[-*]\\s+`([a-z0-9][a-z0-9-]*)`");

    private final AssetLinter.Asset a;
    private final Map<String, StageMetadata> stages;
    private final Set<String> skillIds;
    private final List<LintDiagnostic> out;

    LintRules(AssetLinter.Asset a, Map<String, StageMetadata> stages, Set<String> skillIds, List<LintDiagnostic> out) {
        this.a = a;
        this.stages = stages;
        this.skillIds = skillIds;
        this.out = out;
    }

    void check() {
        Object type = a.get("asset_type");
        if (!(type instanceof String)) {
            structural("asset_type must be a string", "declare asset_type: entrypoint or skill");
            return;
        }
        if (!type.equals("entrypoint") && !type.equals("skill")) {
            structural("unknown asset_type: " + type, "use asset_type entrypoint or skill");
            return;
        }
        if (!type.equals("entrypoint")) {
            for (String field : List.of("asset_type", "asset_id", "version", "description")) {
                if (a.get(field) == null) {
                    structural("missing required field: " + field, "add '" + field + ":' to the front matter");
                }
            }
        }
        if (a.stage() != null && !stages.containsKey(a.stage())) {
            structural("unknown stage: " + a.stage(), "use one of the known stage names");
        }
        if (type.equals("entrypoint")) {
            entrypoint();
        } else {
            skill();
        }
        denylist();
    }

    private void entrypoint() {
        String[] parts = a.path().split("/");
        boolean underPlane = parts.length == 3 && List.of("execution", "planning", "learning").contains(parts[1]);
        if (!underPlane) {
            structural("entrypoint path must live under entrypoints/execution|planning|learning",
                    "move it to entrypoints/<plane>/<stage>.md");
        }
        if (a.stage() == null) {
            structural("entrypoint filename must match a known stage name", "name the file <stage>.md");
        }
        Object plane = a.get("plane");
        if (plane != null && !List.of("execution", "planning", "learning").contains(String.valueOf(plane))) {
            structural("unknown plane: " + plane, "use execution, planning or learning");
        }
        if (Boolean.TRUE.equals(a.get("advisory_only"))) {
            structural("entrypoint must declare advisory_only: false", "remove advisory_only or set it to false");
        }
        for (String key : List.of("contract_compatibility", "required_result_set")) {
            Object v = a.get(key);
            if (v != null && !(v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof String))) {
                structural(key + " must be a non-empty list of strings", "list at least one value");
            }
        }
        if (a.parsed().body().isEmpty()) {
            structural("entrypoint body must not be empty", "write the stage instructions");
        }
        skillReferences();
        compatibility(underPlane ? parts[1] : null, plane == null ? null : String.valueOf(plane));
        StageMetadata stage = StageContractRules.stageOf(a.stage(), stages);
        if (stage != null) {
            StageContractRules.checkEntrypoint(a.parsed().body(), stage, this);
        }
    }

    private void compatibility(String pathPlane, String declaredPlane) {
        StageMetadata m = a.stage() == null ? null : stages.get(a.stage());
        if (m == null) {
            return;
        }
        if (declaredPlane != null && !declaredPlane.equals(m.plane().wireName())) {
            compat("stage " + a.stage() + " belongs to plane " + m.plane() + ", not " + declaredPlane);
        }
        if (pathPlane != null && !pathPlane.equals(m.plane().wireName())) {
            compat("entrypoint path plane " + pathPlane + " does not match stage " + a.stage() + " (plane " + m.plane() + ")");
        }
        String inferredStage = AssetLinter.stemOf(a.path());
        if (stages.containsKey(inferredStage) && !inferredStage.equals(a.stage())) {
            compat("entrypoint file name names stage " + inferredStage + " but the manifest declares " + a.stage());
        }
        Object contracts = a.get("contract_compatibility");
        if (m.plane() != Plane.LEARNING && contracts instanceof List<?> list && !list.contains(a.stage() + ".v1")) {
            compat("contract_compatibility must include " + a.stage() + ".v1");
        }
    }

    private void skillReferences() {
        List<String> required = new ArrayList<>();
        String section = null;
        for (String raw : a.parsed().body().split("\n")) {
            String line = raw.strip();
            if (line.startsWith("## ")) {
                String title = line.substring(3).strip().toLowerCase(Locale.ROOT);
                section = title.equals("required stage-core skill") ? "required"
                        : title.equals("optional secondary skills") ? "optional" : null;
                continue;
            }
            Matcher m = SKILL_BULLET.matcher(line);
            if (section == null || !m.find()) {
                continue;
            }
            if (section.equals("required")) {
                required.add(m.group(1));
            }
            if (!skillIds.contains(m.group(1))) {
                structural("unknown skill reference `" + m.group(1) + "` under " + section + " skills",
                        "reference an installed skill asset_id");
            }
        }
        if (required.size() != 1) {
            structural("entrypoint must name exactly one required stage-core skill (found " + required.size() + ")",
                    "list one `- `<skill-id>`` bullet under '## Required Stage-Core Skill'");
        }
    }

    private void skill() {
        if ("stage_core".equals(a.get("capability_type")) || a.id().endsWith("-core")) {
            StageContractRules.checkCoreSkill(a.parsed().body(), this);
        }
        for (String field : List.of("advisory_only", "capability_type", "forbidden_claims")) {
            if (a.get(field) == null) {
                structural("skill missing required field: " + field, "add '" + field + ":' to the front matter");
            }
        }
        if (a.get("advisory_only") != null && !Boolean.TRUE.equals(a.get("advisory_only"))) {
            structural("skill must declare advisory_only: true", "set advisory_only: true");
        }
        if (a.get("recommended_for_stages") instanceof List<?> list) {
            for (Object s : list) {
                if (!stages.containsKey(String.valueOf(s))) {
                    structural("recommended_for_stages names unknown stage: " + s, "use known stage names");
                }
            }
        }
        Object claims = a.get("forbidden_claims");
        if (claims != null) {
            if (!(claims instanceof List<?> list) || list.isEmpty()) {
                structural("forbidden_claims must be a non-empty list", "list the seam-boundary claims");
            } else {
                List<String> missing = SEAM_CLAIMS.stream().filter(c -> !list.contains(c)).toList();
                if (!missing.isEmpty()) {
                    policy("advisory asset forbidden_claims is missing seam-boundary claims: " + String.join(", ", missing),
                            "add every seam-boundary claim to forbidden_claims");
                }
            }
        }
        for (String key : List.of("required_result_set", "contract_id", "contract_compatibility")) {
            if (a.get(key) != null) {
                policy("advisory skill must not declare " + key, "remove " + key + "; contracts belong to entrypoints");
            }
        }
    }

    private void denylist() {
        String previous = "";
        for (String raw : a.parsed().body().toLowerCase(Locale.ROOT).split("\n")) {
            String line = raw.strip();
            for (String phrase : DENYLIST) {
                int at = line.indexOf(phrase);
                if (at < 0) {
                    continue;
                }
                if (phrase.equals("escalate to") && (negated(line.substring(0, at))
                        || FORBIDDEN_HEADER.matcher(previous).matches())) {
                    continue;
                }
                policy("asset body claims runtime-owned behaviour: '" + phrase + "'",
                        "describe the stage's own work; the runtime owns queue selection, routing, retries, escalation "
                                + "and status persistence");
            }
            if (!line.isEmpty()) {
                previous = line;
            }
        }
    }

    private static boolean negated(String before) {
        return NEGATIONS.stream().anyMatch(before::contains);
    }

    void structural(String reason, String fix) {
        add(LintDiagnostic.Level.STRUCTURAL, reason, fix);
    }

    void contract(String reason, String fix) {
        add(LintDiagnostic.Level.COMPATIBILITY, reason, fix);
    }

    private void compat(String reason) {
        add(LintDiagnostic.Level.COMPATIBILITY, reason, "make the manifest, the path and the stage topology agree");
    }

    void policy(String reason, String fix) {
        add(LintDiagnostic.Level.POLICY, reason, fix);
    }

    private void add(LintDiagnostic.Level level, String reason, String fix) {
        out.add(new LintDiagnostic(a.path(), a.type(), a.id(), a.stage(), level, reason, fix));
    }
}
