package ai.millrace.core.internal.doctor;

import ai.millrace.api.Plane;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lints the markdown assets (entrypoints, skills, roles) of an assets root by the rules of spec 01
 * section 5.6: structural, compatibility and policy. Stateless.
 */
public final class AssetLinter {
    private static final List<String> SCOPE = List.of("entrypoints", "skills", "roles");

    private AssetLinter() {
    }

    /** One markdown asset being linted. */
    record Asset(String path, String stem, FrontMatter.Parsed parsed) {
        Object get(String key) {
            return parsed.manifest().get(key);
        }

        String type() {
            Object t = get("asset_type");
            return t instanceof String s ? s : "unknown";
        }

        String id() {
            Object id = get("asset_id");
            return id == null ? stem : String.valueOf(id);
        }

        String stage() {
            Object s = get("stage");
            return s == null ? null : String.valueOf(s);
        }
    }

    /**
     * Lints every markdown asset under a root.
     *
     * @param assetsRoot the folder holding {@code entrypoints/}, {@code skills/}, {@code roles/}
     * @return the diagnostics sorted by (path, level, reason)
     */
    public static List<LintDiagnostic> lint(Path assetsRoot) {
        Map<String, StageMetadata> stages = new HashMap<>();
        for (StageMetadata m : StageMetadataRegistry.builtIn().all()) {
            stages.put(m.stage().value(), m);
        }
        List<LintDiagnostic> out = new ArrayList<>();
        List<Asset> assets = new ArrayList<>();
        for (String path : markdownFiles(assetsRoot)) {
            String stem = stemOf(path);
            try {
                String text = Files.readString(assetsRoot.resolve(path), StandardCharsets.UTF_8);
                assets.add(new Asset(path, stem, FrontMatter.parse(text, inferred(path, stem, stages))));
            } catch (FrontMatter.ParseError | IOException e) {
                out.add(new LintDiagnostic(path, "unknown", null, null, LintDiagnostic.Level.STRUCTURAL, e.getMessage(),
                        "fix the front matter: '---' lines around 'key: value' pairs"));
            }
        }
        Set<String> skillIds = new HashSet<>();
        assets.stream().filter(a -> "skill".equals(a.type())).forEach(a -> skillIds.add(a.id()));
        Set<String> seen = new HashSet<>();
        for (Asset a : assets) {
            LintRules rules = new LintRules(a, stages, skillIds, out);
            if (a.get("asset_id") != null && !seen.add(a.type() + "\u0000" + a.id())) {
                rules.structural("duplicate asset_id `" + a.id() + "` for asset_type `" + a.type() + "`",
                        "give the asset a unique asset_id");
            }
            rules.check();
        }
        out.sort(Comparator.comparing(LintDiagnostic::path).thenComparing(LintDiagnostic::level)
                .thenComparing(LintDiagnostic::reason));
        return out;
    }

    private static Map<String, Object> inferred(String path, String stem, Map<String, StageMetadata> stages) {
        String[] parts = path.split("/");
        if (parts.length != 3 || !parts[0].equals("entrypoints")) {
            return null;
        }
        Plane plane;
        try {
            plane = Plane.of(parts[1]);
        } catch (RuntimeException e) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asset_type", "entrypoint");
        m.put("plane", plane.wireName());
        String stage = stages.containsKey(stem) ? stem : null;
        if (stage == null) {
            for (String known : stages.keySet()) {
                if ((stem.endsWith("-" + known) || stem.endsWith("_" + known))
                        && (stage == null || known.length() > stage.length())) {
                    stage = known;
                }
            }
        }
        if (stage != null) {
            m.put("stage", stage);
        }
        return m;
    }

    static String stemOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }

    private static List<String> markdownFiles(Path root) {
        List<String> out = new ArrayList<>();
        for (String family : SCOPE) {
            Path dir = root.resolve(family);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                        .endsWith(".md")).forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        out.sort(null);
        return out;
    }
}
