package ai.millrace.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java snippets in {@code README.md} and {@code docs/} equal to code that compiles.
 *
 * <p>A block that starts with {@code // From <path> (snippet "<name>")} must equal the lines between
 * {@code // snippet:<name>} and {@code // end:<name>} in that file, de-indented. A block that starts
 * with {@code // <path>} must consist of lines that all occur in that file.
 */
class DocSnippetsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKED = Pattern.compile("```java\n// From (\\S+) \\(snippet \"(\\w+)\"\\)\n(.*?)```", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("```java\n// (\\S+\\.java)\n(.*?)```", Pattern.DOTALL);

    @Test
    void markedSnippetsEqualTheirSource() throws IOException {
        int found = 0;
        for (Path page : pages()) {
            Matcher m = MARKED.matcher(Files.readString(page));
            while (m.find()) {
                found++;
                assertEquals(snippet(REPO.resolve(m.group(1)), m.group(2)), m.group(3),
                        page + ": snippet \"" + m.group(2) + "\" differs from " + m.group(1));
            }
        }
        assertTrue(found >= 5, "expected the README's and docs' marked snippets, found " + found);
    }

    @Test
    void quotedBlocksComeFromTheirSource() throws IOException {
        int found = 0;
        for (Path page : pages()) {
            Matcher m = QUOTED.matcher(Files.readString(page));
            while (m.find()) {
                found++;
                List<String> source = Files.readAllLines(REPO.resolve(m.group(1))).stream().map(String::strip)
                        .collect(Collectors.toList());
                for (String line : m.group(2).split("\n")) {
                    assertTrue(line.isBlank() || source.contains(line.strip()),
                            page + ": '" + line.strip() + "' is not in " + m.group(1));
                }
            }
        }
        assertTrue(found >= 2, "expected quoted blocks in plugins.md, found " + found);
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(REPO.resolve("README.md"));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String snippet(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = indexOf(lines, "// snippet:" + name, file);
        int end = indexOf(lines, "// end:" + name, file);
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : body) {
            out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static int indexOf(List<String> lines, String marker, Path file) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(file + " has no line " + marker);
    }
}
