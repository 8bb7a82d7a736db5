package ai.millrace.compiler;

import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** A workspace in a temp folder holding a copy of the packaged asset tree, as init deploys it. */
final class TestWorkspace {
    static final Instant COMPILED_AT = Instant.parse("2026-01-01T00:00:00Z");

    final Path root;
    final Path agents;

    private TestWorkspace(Path root) {
        this.root = root;
        this.agents = root.resolve("millrace-agents");
    }

    static TestWorkspace deploy(Path root) {
        TestWorkspace ws = new TestWorkspace(root);
        try {
            URL url = TestWorkspace.class.getResource("/ai/millrace/assets");
            Path packaged = Path.of(url.toURI());
            try (Stream<Path> walk = Files.walk(packaged)) {
                for (Path source : walk.filter(Files::isRegularFile).toList()) {
                    Path target = ws.agents.resolve(packaged.relativize(source).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
            // The entrypoint and skill markdown is another engineer's work; stand in for missing files.
            for (StageMetadata m : StageMetadataRegistry.builtIn().all()) {
                String plane = m.plane().wireName();
                String stage = m.stage().value();
                ws.writeIfMissing("entrypoints/" + plane + "/" + stage + ".md", "# " + stage + "\n");
                ws.writeIfMissing("skills/stage/" + plane + "/" + stage + "-core/SKILL.md", "# " + stage + " core\n");
            }
            ws.writeIfMissing("skills/skills_index.md", "# Skills\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return ws;
    }

    void writeIfMissing(String relative, String content) throws IOException {
        Path file = agents.resolve(relative);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }
    }

    void write(String relative, String content) {
        try {
            Path file = agents.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relative) {
        try {
            return Files.readString(agents.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a JSON asset by plain text replacement, failing when the text is absent. */
    void edit(String relative, String from, String to) {
        String text = read(relative);
        if (!text.contains(from)) {
            throw new AssertionError(relative + " does not contain: " + from);
        }
        write(relative, text.replace(from, to));
    }

    void delete(String relative) {
        try {
            Files.delete(agents.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PlanCompiler.Builder compilerBuilder() {
        return PlanCompiler.builder().workspaceRoot(root).clock(Clock.fixed(COMPILED_AT, ZoneOffset.UTC));
    }

    PlanCompiler compiler() {
        return compilerBuilder().build();
    }

    PlanCompiler compiler(MillraceConfig config, PluginRegistry plugins) {
        return compilerBuilder().config(config).plugins(plugins).build();
    }

    static CompiledRunPlan sample(String name) {
        return MillraceJson.read(resource("samples/original/" + name), CompiledRunPlan.class, name);
    }

    static String resource(String path) {
        try (InputStream in = TestWorkspace.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }
}
