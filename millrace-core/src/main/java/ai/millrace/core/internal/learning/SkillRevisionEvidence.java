package ai.millrace.core.internal.learning;

import ai.millrace.api.run.StageRunRequest;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.compiler.internal.json.Timestamps;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The skill revision evidence of a stage request in a learning-enabled mode (spec 02 section
 * 3.12): the SHA-256 and size of every required and attached skill file, written where the
 * request's {@code skill_revision_evidence_path} points.
 */
public final class SkillRevisionEvidence {
    private SkillRevisionEvidence() {
    }

    /**
     * Renders the evidence JSON of a request.
     *
     * @param request the stage request
     * @param now the emission time
     * @return the JSON text
     */
    public static String render(StageRunRequest request, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", "1.0");
        m.put("kind", "skill_revision_evidence");
        m.put("request_id", request.requestId());
        m.put("run_id", request.runId());
        m.put("mode_id", request.modeId());
        m.put("compiled_plan_id", request.compiledPlanId());
        m.put("emitted_at", Timestamps.format(now));
        LinkedHashSet<String> skillPaths = new LinkedHashSet<>(request.requiredSkillPaths());
        skillPaths.addAll(request.attachedSkillPaths());
        List<Map<String, Object>> skills = new ArrayList<>();
        for (String p : skillPaths) {
            skills.add(skill(Path.of(p)));
        }
        m.put("skills", skills);
        return MillraceJson.write(m);
    }

    /**
     * Returns the step that writes a request's evidence; empty when the request has no evidence
     * path (modes without a learning plane).
     *
     * @param paths the workspace paths
     * @param request the stage request
     * @param now the emission time
     * @return the step, to add to the dispatch transition
     */
    public static Optional<WriteWorkspaceFile> step(WorkspacePaths paths, StageRunRequest request, Instant now) {
        if (request.skillRevisionEvidencePath() == null) {
            return Optional.empty();
        }
        return Optional.of(WriteWorkspaceFile.of(paths, Path.of(request.skillRevisionEvidencePath()),
                render(request, now)));
    }

    private static Map<String, Object> skill(Path p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("path", p.toString());
        byte[] bytes = null;
        if (Files.isRegularFile(p)) {
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                bytes = null;
            }
        }
        s.put("exists", bytes != null);
        s.put("sha256", bytes == null ? null : sha256(bytes));
        s.put("size_bytes", bytes == null ? null : bytes.length);
        return s;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
