package ai.millrace.compiler.internal.validate;

import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.internal.assets.AssetPaths;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one stage kind definition (spec 01 section 3.2) and derives its stage metadata.
 *
 * <p>A stage kind whose id is one of the fifteen built-in stages may change its entrypoint,
 * skills, artifacts and flags, but not its legality (plane, running marker, ordered outcomes and
 * result classes): the runtime's routing depends on those. Stateless.
 */
public final class StageKindValidator {
    private StageKindValidator() {
    }

    /**
     * Validates a stage kind.
     *
     * @param asset the stage kind and its origin
     * @return the stage metadata the kind defines
     * @throws CompileException naming the origin and the broken field
     */
    public static StageMetadata validate(LoadedAsset<StageKindDefinition> asset) {
        StageKindDefinition k = asset.definition();
        String where = asset.origin();
        if (!Ids.canonical(k.stageKindId())) {
            throw invalid(where, "stage_kind_id '" + k.stageKindId() + "' must be a lower-case canonical id such as 'builder'");
        }
        if (k.displayName().isBlank()) {
            throw invalid(where, "display_name must not be blank");
        }
        path(where, k.stageKindId(), "default_entrypoint_path", k.defaultEntrypointPath(), AssetPaths.ENTRYPOINTS);
        if (k.requiredSkillPaths().isEmpty()) {
            throw invalid(where, "required_skill_paths needs at least one skill");
        }
        for (String p : k.requiredSkillPaths()) {
            path(where, k.stageKindId(), "required_skill_paths", p, AssetPaths.SKILLS);
        }
        for (String p : k.suggestedSkillPaths()) {
            path(where, k.stageKindId(), "suggested_skill_paths", p, AssetPaths.SKILLS);
        }
        if (!Ids.status(k.runningStatusMarker())) {
            throw invalid(where, "running_status_marker '" + k.runningStatusMarker() + "' must be an upper-case status token");
        }
        outcomes(k, where);
        for (String a : concat(k.allowedInputArtifacts(), k.declaredOutputArtifacts())) {
            if (!Ids.canonical(a)) {
                throw invalid(where, "artifact name '" + a + "' must be a lower-case canonical id");
            }
        }
        for (String o : k.allowedOverrides()) {
            if (!Ids.overrideName(o)) {
                throw invalid(where, "allowed_overrides entry '" + o + "' must be a lower_snake_case name");
            }
        }
        StageMetadata metadata = new StageMetadata(StageId.of(k.stageKindId()), k.plane(), k.runningStatusMarker(),
                k.allowedResultClassesByOutcome());
        alignWithBuiltIn(k, metadata, where);
        return metadata;
    }

    private static void outcomes(StageKindDefinition k, String where) {
        if (k.legalOutcomes().isEmpty()) {
            throw invalid(where, "legal_outcomes needs at least one outcome");
        }
        Optional<TerminalResult> dup = Ids.firstDuplicate(k.legalOutcomes());
        if (dup.isPresent()) {
            throw invalid(where, "legal_outcomes lists " + dup.get() + " twice");
        }
        Map<TerminalResult, List<ResultClass>> classes = k.allowedResultClassesByOutcome();
        if (!new HashSet<>(classes.keySet()).equals(new HashSet<>(k.legalOutcomes()))) {
            throw invalid(where, "allowed_result_classes_by_outcome keys " + classes.keySet()
                    + " must be exactly the legal_outcomes " + k.legalOutcomes());
        }
        for (Map.Entry<TerminalResult, List<ResultClass>> e : classes.entrySet()) {
            List<ResultClass> allowed = e.getValue();
            if (allowed.isEmpty() || Ids.firstDuplicate(allowed).isPresent()) {
                throw invalid(where, "outcome " + e.getKey() + " must list distinct result classes, at least one");
            }
            if (e.getKey().equals(TerminalResult.BLOCKED)) {
                for (ResultClass c : allowed) {
                    if (c != ResultClass.BLOCKED && c != ResultClass.RECOVERABLE_FAILURE) {
                        throw invalid(where, "outcome BLOCKED may only allow blocked or recoverable_failure, not " + c);
                    }
                }
            } else if (allowed.size() != 1) {
                throw invalid(where, "outcome " + e.getKey() + " must map to exactly one result class");
            }
        }
        if (k.successOutcomes().isEmpty()) {
            throw invalid(where, "success_outcomes needs at least one outcome");
        }
        for (TerminalResult s : k.successOutcomes()) {
            if (!classes.containsKey(s) || !classes.get(s).contains(ResultClass.SUCCESS)) {
                throw invalid(where, "success outcome " + s + " must be a legal outcome that allows the success class");
            }
        }
        for (TerminalResult f : k.failureOutcomes()) {
            if (!classes.containsKey(f) || classes.get(f).contains(ResultClass.SUCCESS)) {
                throw invalid(where, "failure outcome " + f + " must be a legal outcome that does not allow success");
            }
        }
    }

    private static void alignWithBuiltIn(StageKindDefinition k, StageMetadata metadata, String where) {
        Optional<StageMetadata> builtIn = StageMetadataRegistry.builtIn().find(metadata.stage());
        if (builtIn.isEmpty()) {
            return;
        }
        StageMetadata expected = builtIn.get();
        String id = k.stageKindId();
        if (expected.plane() != metadata.plane()) {
            throw mismatch(where, "Stage kind " + id + " plane does not match stage metadata (expected "
                    + expected.plane() + ", found " + metadata.plane() + ")");
        }
        if (!expected.runningStatusMarker().equals(metadata.runningStatusMarker())) {
            throw mismatch(where, "Stage kind " + id + " running marker does not match stage metadata (expected "
                    + expected.runningStatusMarker() + ")");
        }
        if (!expected.legalTerminalResults().equals(k.legalOutcomes())) {
            throw mismatch(where, "Stage kind " + id + " legal outcomes do not match stage metadata (expected "
                    + expected.legalTerminalResults() + " in this order)");
        }
        if (!expected.allowedResultClassesByOutcome().equals(metadata.allowedResultClassesByOutcome())) {
            throw mismatch(where, "Stage kind " + id + " result-class policy does not match stage metadata (expected "
                    + expected.allowedResultClassesByOutcome() + ")");
        }
    }

    private static void path(String where, String id, String field, String value, String prefix) {
        AssetPaths.problem(value, prefix).ifPresent(reason -> {
            throw new CompileException(CompileErrorCode.INVALID_ASSET_PATH, "Stage kind " + id + " " + field
                    + " '" + value + "' is not allowed: " + reason + " (" + where + ")");
        });
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static CompileException invalid(String where, String what) {
        return new CompileException(CompileErrorCode.INVALID_ASSET,
                "Invalid stage kind definition in asset: " + where + " (" + what + ")");
    }

    private static CompileException mismatch(String where, String what) {
        return new CompileException(CompileErrorCode.STAGE_METADATA_MISMATCH, what + " (" + where + ")");
    }
}
