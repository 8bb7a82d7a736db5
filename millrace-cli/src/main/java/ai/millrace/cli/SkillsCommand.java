package ai.millrace.cli;

import ai.millrace.api.Plane;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.work.LearningRequestAction;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.cli.internal.Report;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.api.WorkItemKind;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code millrace skills ...}: the workspace's skill library, local operations only. This build
 * has no network skill source, so installing by remote id fails with a clear message.
 */
@Command(name = "skills", mixinStandardHelpOptions = true, description = "List, show, search, install, export skills.",
        subcommands = {SkillsCommand.Ls.class, SkillsCommand.Show.class, SkillsCommand.Search.class,
                SkillsCommand.Install.class, SkillsCommand.Create.class, SkillsCommand.Improve.class,
                SkillsCommand.Promote.class, SkillsCommand.Export.class})
final class SkillsCommand {
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    /** The packaged skills in a source checkout of this project (for --target source and promote). */
    static final String SOURCE_SKILLS = "millrace-compiler/src/main/resources/ai/millrace/assets/skills";

    static Path skillsDir(WorkspacePaths paths) {
        return paths.runtimeRoot().resolve("skills");
    }

    /** Direct children of {@code skills/} holding a {@code SKILL.md}, sorted. */
    static List<String> ids(WorkspacePaths paths) {
        List<String> out = new ArrayList<>();
        Path dir = skillsDir(paths);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> Files.isRegularFile(p.resolve("SKILL.md"))).map(p -> p.getFileName().toString()).sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String title(Path skillFile) {
        try {
            for (String line : Files.readAllLines(skillFile, StandardCharsets.UTF_8)) {
                if (line.startsWith("# ")) {
                    return line.substring(2).strip();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    static Report describe(WorkspacePaths paths, String id) {
        Path file = skillsDir(paths).resolve(id).resolve("SKILL.md");
        return new Report().put("skill_id", id).put("path", file.toString()).put("title", title(file));
    }

    static void requireSafe(String id) {
        if (!SAFE_ID.matcher(id).matches()) {
            throw new CliFailure("invalid skill id: " + id);
        }
    }

    /** {@code skills ls}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List installed skills (top-level folders with a SKILL.md).")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            List<String> ids = ids(paths);
            print(paths, ids, json, spec.commandLine().getOut());
            return 0;
        }
    }

    static void print(WorkspacePaths paths, List<String> ids, JsonOption json, PrintWriter out) {
        if (json.json) {
            List<Object> all = new ArrayList<>();
            ids.forEach(id -> all.add(describe(paths, id).toJson()));
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("skills", all);
            JsonOption.printJson(root, out);
        } else {
            ids.forEach(out::println);
        }
    }

    /** {@code skills show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one skill.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Parameters(paramLabel = "ID", description = "The skill id.")
        String id;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            if (!SAFE_ID.matcher(id).matches() || !Files.isRegularFile(skillsDir(paths).resolve(id).resolve("SKILL.md"))) {
                throw new CliFailure("skill not found: " + id, "`millrace skills ls` lists the skills");
            }
            json.print(describe(paths, id), spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code skills search QUERY}. */
    @Command(name = "search", mixinStandardHelpOptions = true, description = "Find skills whose id or text contains QUERY.")
    static final class Search implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Parameters(paramLabel = "QUERY", description = "Case-insensitive text.")
        String query;

        @Override
        public Integer call() throws IOException {
            WorkspacePaths paths = ws.requireInitialized();
            String q = query.strip().toLowerCase(Locale.ROOT);
            if (q.isEmpty()) {
                throw new CliFailure("search query is required");
            }
            List<String> hits = new ArrayList<>();
            for (String id : ids(paths)) {
                String text = Files.readString(skillsDir(paths).resolve(id).resolve("SKILL.md"), StandardCharsets.UTF_8);
                if (id.toLowerCase(Locale.ROOT).contains(q) || text.toLowerCase(Locale.ROOT).contains(q)) {
                    hits.add(id);
                }
            }
            print(paths, hits, json, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code skills install REF}: from a local folder holding SKILL.md, or a SKILL.md file. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install a skill from a local folder (or SKILL.md file). This build has no network skill source.")
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "REF", description = "A folder holding SKILL.md, or a SKILL.md file.")
        String ref;

        @Option(names = "--target", paramLabel = "workspace|source", defaultValue = "workspace",
                description = "Install into the workspace (default) or into this project's packaged skills.")
        String target;

        @Option(names = "--force", description = "Replace an installed skill of the same id.")
        boolean force;

        @Option(names = "--update", description = "Update an installed skill of the same id.")
        boolean update;

        @Override
        public Integer call() throws IOException {
            WorkspacePaths paths = ws.requireInitialized();
            Path source = WorkspaceOption.resolve(ref);
            Path dir = Files.isDirectory(source) ? source
                    : Files.isRegularFile(source) && source.getFileName().toString().equals("SKILL.md") ? source.getParent()
                    : null;
            if (dir == null || !Files.isRegularFile(dir.resolve("SKILL.md"))) {
                if (!Files.exists(source) && SAFE_ID.matcher(ref).matches()) {
                    throw new CliFailure("cannot install remote skill " + ref + ": this build has no network skill source",
                            "install from a local folder that holds a SKILL.md");
                }
                throw new CliFailure("skill source must be a folder holding SKILL.md or a SKILL.md file: " + source);
            }
            String id = dir.getFileName().toString();
            requireSafe(id);
            Path root = switch (target.toLowerCase(Locale.ROOT)) {
                case "workspace" -> skillsDir(paths);
                case "source" -> sourceSkills(paths.workspaceRoot());
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--target': expected workspace or source (was '" + target + "')");
            };
            Path dest = root.resolve(id);
            if (Files.exists(dest)) {
                if (!force && !update) {
                    throw new CliFailure("skill already exists: " + id, "pass --update or --force to replace it");
                }
                deleteTree(dest);
            }
            copyTree(dir, dest);
            Path index = root.resolve("skills_index.md");
            String entry = "- " + id + ": " + id + "/SKILL.md";
            String current = Files.isRegularFile(index) ? Files.readString(index, StandardCharsets.UTF_8) : "";
            if (!current.lines().anyMatch(l -> l.strip().equals(entry))) {
                Files.writeString(index, current + (current.isEmpty() || current.endsWith("\n") ? "" : "\n") + entry + "\n",
                        StandardCharsets.UTF_8);
            }
            logOperation(paths, "install", id, dest);
            PrintWriter out = spec.commandLine().getOut();
            out.println("installed_skill: " + id);
            out.println("path: " + dest);
            return 0;
        }
    }

    /** {@code skills create PROMPT}: queues a learning request to create a skill. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Queue a learning request to create a skill.")
    static final class Create extends LearningRequest {
        @Parameters(paramLabel = "PROMPT", description = "What the skill should teach.")
        String prompt;

        @Override
        LearningRequestAction action() {
            return LearningRequestAction.CREATE;
        }

        @Override
        String subject() {
            return prompt;
        }
    }

    /** {@code skills improve ID}: queues a learning request to improve a skill. */
    @Command(name = "improve", mixinStandardHelpOptions = true, description = "Queue a learning request to improve a skill.")
    static final class Improve extends LearningRequest {
        @Parameters(paramLabel = "ID", description = "The skill id.")
        String id;

        @Override
        LearningRequestAction action() {
            return LearningRequestAction.IMPROVE;
        }

        @Override
        String subject() {
            return id;
        }
    }

    /** Queues a learning request directly (even when a daemon owns the workspace, as the original does). */
    abstract static class LearningRequest implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Option(names = "--mode", paramLabel = "ID", description = "A learning-enabled mode (default: runtime.default_mode).")
        String mode;

        @Option(names = "--foreground", description = "Accepted for compatibility; ignored.")
        boolean foreground;

        abstract LearningRequestAction action();

        abstract String subject();

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            Workspace w = new Workspace(paths, java.time.Clock.systemUTC());
            MillraceConfig config = w.config(null);
            String modeId = w.compiler(config).resolveModeId(mode);
            ModeDefinition m = Workspace.plugins().modes().get(modeId);
            if (m == null || !m.loopIdsByPlane().containsKey(Plane.LEARNING)) {
                throw new CliFailure("current mode does not enable the learning plane",
                        "pass --mode learning_codex (or learning_pi), or set runtime.default_mode");
            }
            if (subject().isBlank()) {
                throw new CliFailure(action().wireName() + " needs a non-empty argument");
            }
            String id = "learn-" + IdGenerator.random().hex(12);
            boolean create = action() == LearningRequestAction.CREATE;
            if (!create) {
                requireSafe(subject());
            }
            String title = (create ? "Create skill: " : "Improve skill: ") + WorkDocumentMarkdown.flattenLine(subject());
            LearningRequestDocument doc = new LearningRequestDocument(id, title, WorkDocumentMarkdown.flattenLine(subject()),
                    action(), create ? null : subject(), null, Map.of(), java.time.Instant.now(), "millrace skills", null,
                    List.of(), List.of(), List.of(), List.of(), List.of());
            Path file = paths.documentFile(WorkItemKind.LEARNING_REQUEST, QueueState.QUEUED, id);
            if (!AtomicFiles.DURABLE.writeIfAbsent(file, WorkDocumentMarkdown.render(doc).getBytes(StandardCharsets.UTF_8))) {
                throw new CliFailure("learning request " + id + " already exists");
            }
            spec.commandLine().getOut().println("queued_learning_request: " + file);
            return 0;
        }
    }

    /** {@code skills promote ID}: copies a workspace skill into this project's packaged skills. */
    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Copy a workspace skill into this project's packaged skills (needs a source checkout).")
    static final class Promote implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "The skill id.")
        String id;

        @Override
        public Integer call() throws IOException {
            WorkspacePaths paths = ws.requireInitialized();
            requireSafe(id);
            Path src = skillsDir(paths).resolve(id);
            if (!Files.isRegularFile(src.resolve("SKILL.md"))) {
                throw new CliFailure("skill not found: " + id);
            }
            Path dest = sourceSkills(paths.workspaceRoot()).resolve(id);
            if (Files.exists(dest)) {
                deleteTree(dest);
            }
            copyTree(src, dest);
            logOperation(paths, "promote", id, dest);
            PrintWriter out = spec.commandLine().getOut();
            out.println("promoted_skill: " + id);
            out.println("path: " + dest);
            return 0;
        }
    }

    /** {@code skills export ID}: zips a skill folder. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Zip a skill folder.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "The skill id.")
        String id;

        @Option(names = "--output", paramLabel = "PATH", description = "The archive (default: <workspace>/<id>.zip).")
        String output;

        @Override
        public Integer call() throws IOException {
            WorkspacePaths paths = ws.requireInitialized();
            requireSafe(id);
            Path src = skillsDir(paths).resolve(id);
            if (!Files.isRegularFile(src.resolve("SKILL.md"))) {
                throw new CliFailure("skill not found: " + id);
            }
            Path archive = output == null ? paths.workspaceRoot().resolve(id + ".zip") : WorkspaceOption.resolve(output);
            if (archive.getParent() != null) {
                Files.createDirectories(archive.getParent());
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(src)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            try (OutputStream os = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(os)) {
                for (Path f : files) {
                    zip.putNextEntry(new ZipEntry(id + "/" + src.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, zip);
                    zip.closeEntry();
                }
            }
            logOperation(paths, "export", id, archive);
            spec.commandLine().getOut().println("exported_skill: " + archive);
            return 0;
        }
    }

    static Path sourceSkills(Path from) {
        for (Path p = from; p != null; p = p.getParent()) {
            Path candidate = p.resolve(SOURCE_SKILLS);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new CliFailure("cannot find the packaged skills folder (" + SOURCE_SKILLS + ") above " + from,
                "run this from a source checkout of Millrace for Java");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void logOperation(WorkspacePaths paths, String operation, String id, Path path) {
        Map<String, Object> line = new java.util.TreeMap<>();
        line.put("at", ai.millrace.cli.internal.Fmt.iso(java.time.Instant.now()));
        line.put("operation", operation);
        line.put("skill_id", id);
        line.put("path", path.toString());
        try {
            AtomicFiles.DURABLE.append(skillsDir(paths).resolve("skill_operations.jsonl"),
                    (MillraceJson.mapper().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
