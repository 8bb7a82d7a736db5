package ai.millrace.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.millrace.cli.CliEnvironment;
import ai.millrace.cli.MillraceCli;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code millrace ...} line of the fenced blocks in {@code README.md} and {@code docs/}
 * (except the generated {@code cli-reference.md}) in-process, and checks the doctor sample output
 * in {@code operating.md} against a real run.
 *
 * <p>Each block is a session: its lines run in order against a fresh workspace that stands in for
 * {@code ~/proj} (any {@code ~/} path goes to the temporary folder). A {@code .md} or {@code .json}
 * argument names an input file, which is created there first. A line must exit 0, or the code a
 * trailing {@code # exits N} comment gives. A line that cannot run is skipped only through
 * {@link #SKIPPED}, with the reason; {@code run daemon} and {@code status watch} must be bounded
 * ({@code --max-ticks}, {@code --max-updates}) so that they end.
 */
class DocCommandExamplesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FENCE = Pattern.compile("^```[^\\n]*\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern EXITS = Pattern.compile("#.*\\bexits? (\\d+)");
    /** Commands that run until interrupted; the examples must bound them. */
    private static final Pattern UNBOUNDED = Pattern.compile(
            "^millrace (?=(?:.* )?run daemon\\b)(?!.*--max-ticks)|^millrace (?=(?:.* )?status watch\\b)(?!.*--max-updates)");
    /** Command lines (as written, comment stripped) that are not run, with the reason. */
    private static final Map<String, String> SKIPPED = Map.of();

    static final String TASK = "# Hello Task\n\nTask-ID: hello-task-001\nTitle: Hello Task\n"
            + "Summary: Create hello.txt containing the word hello.\nCreated-At: 2026-04-15T12:00:00Z\n"
            + "Created-By: operator\n\nTarget-Paths:\n- hello.txt\n\nAcceptance:\n- hello.txt exists and contains hello\n\n"
            + "Required-Checks:\n- test -f hello.txt\n\nReferences:\n- none\n\nRisk:\n- low\n";
    static final String SPEC = "# Greeting\n\nSpec-ID: spec-greet\nTitle: Greeting\nSummary: Greet people.\n"
            + "Source-Type: manual\nCreated-At: 2026-04-15T12:00:00Z\nCreated-By: operator\n\nGoals:\n- greet\n\n"
            + "Constraints:\n- be brief\n\nAcceptance:\n- a greeting exists\n\nReferences:\n- none\n";
    static final String IDEA = "# An idea\n\nDo something.\n";

    @TempDir
    Path tmp;

    @Test
    void everyCommandExampleRuns() throws IOException {
        // The examples queue work for the codex runner; with codex on PATH they would call a real model.
        assumeFalse(onPath("codex"), "codex is on PATH: running the examples would start real model sessions");
        int ran = 0;
        int session = 0;
        for (Path page : pages()) {
            Matcher block = FENCE.matcher(Files.readString(page));
            while (block.find()) {
                Path home = Files.createDirectories(tmp.resolve("session-" + session++));
                for (String line : block.group(1).split("\n")) {
                    String command = line.replaceFirst("\\s+#.*$", "").strip();
                    if (!command.startsWith("millrace ")) {
                        continue;
                    }
                    if (SKIPPED.containsKey(command)) {
                        continue;
                    }
                    assertTrue(!UNBOUNDED.matcher(command).find(), REPO.relativize(page) + ": `" + command
                            + "` never ends; bound it (--max-ticks / --max-updates) or list it in SKIPPED with a reason");
                    Matcher exits = EXITS.matcher(line);
                    int expected = exits.find() ? Integer.parseInt(exits.group(1)) : 0;
                    Run r = run(args(command, home));
                    assertEquals(expected, r.code, REPO.relativize(page) + ": `" + command + "` exited " + r.code
                            + "\n--- out\n" + r.out + "--- err\n" + r.err);
                    ran++;
                }
            }
        }
        assertTrue(ran >= 6, "expected the command examples of operating.md, ran " + ran);
    }

    @Test
    void doctorSampleMatchesAFreshWorkspace() throws IOException {
        assumeFalse(onPath("codex"), "codex is on PATH: doctor would not warn about it");
        String page = Files.readString(REPO.resolve("docs/operating.md"));
        Matcher block = FENCE.matcher(page);
        String sample = null;
        while (block.find()) {
            if (block.group(1).startsWith("ok: ")) {
                sample = block.group(1);
            }
        }
        assertTrue(sample != null, "docs/operating.md: no doctor sample block (starting with `ok: `)");
        Path w = tmp.resolve("proj");
        assertEquals(0, run("init", "--workspace", w.toString()).code);
        Run doctor = run("doctor", "--workspace", w.toString());
        assertEquals(0, doctor.code, doctor.err);
        assertEquals(doctor.out, sample, "docs/operating.md: the doctor sample differs from `millrace doctor` in a"
                + " fresh workspace without codex on PATH");
    }

    /** The words of a command line, without {@code millrace}, with paths moved into {@code home}. */
    private static String[] args(String command, Path home) throws IOException {
        List<String> args = new ArrayList<>();
        String[] words = command.split("\\s+");
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            assertTrue(!word.contains("\"") && !word.contains("'") && !word.contains("$"),
                    "quoting and variables are not supported: " + command);
            if (word.equals("~") || word.startsWith("~/")) {
                word = home.resolve("home" + word.substring(1)).toString();
            } else if (!word.startsWith("-") && (word.endsWith(".md") || word.endsWith(".json"))
                    && !words[i - 1].startsWith("--")) {
                Path input = home.resolve(word);
                if (!Files.exists(input)) {
                    Files.createDirectories(input.getParent());
                    Files.writeString(input, word.contains("spec") ? SPEC : word.contains("idea") ? IDEA : TASK);
                }
                word = input.toString();
            }
            args.add(word);
        }
        return args.toArray(String[]::new);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MillraceCli.execute(new CliEnvironment(Clock.systemUTC(), d -> { }), new PrintWriter(out),
                new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(REPO.resolve("README.md"));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("cli-reference.md"))
                    .sorted().forEach(pages::add);
        }
        return pages;
    }
}
