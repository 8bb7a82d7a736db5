package ai.millrace.testkit.compat.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;

/**
 * File checks on a runner's artifacts.
 */
public final class ArtifactChecks {
    private ArtifactChecks() {
    }

    /**
     * Tells whether a file has a line that is exactly {@code line}, ignoring trailing whitespace
     * (including a carriage return). Reads the file as a stream, so multi-megabyte files are fine;
     * malformed UTF-8 is replaced rather than rejected.
     *
     * @param file the file
     * @param line the wanted line
     * @return true when such a line exists
     * @throws IOException when the file cannot be read
     */
    public static boolean hasLine(Path file, String line) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String current;
            while ((current = reader.readLine()) != null) {
                if (current.stripTrailing().equals(line)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Tells whether a path lies inside a directory once both are made absolute and normalized.
     *
     * @param path the path
     * @param directory the directory
     * @return true when {@code path} is inside {@code directory}
     */
    public static boolean isInside(Path path, Path directory) {
        Path p = path.toAbsolutePath().normalize();
        Path d = directory.toAbsolutePath().normalize();
        return p.startsWith(d) && !p.equals(d);
    }
}
