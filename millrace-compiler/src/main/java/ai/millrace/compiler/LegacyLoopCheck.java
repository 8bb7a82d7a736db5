package ai.millrace.compiler;

import ai.millrace.compiler.internal.builtin.BuiltinAssets;
import ai.millrace.compiler.internal.legacy.LegacyLoops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the three legacy loops ({@code loops/<plane>/default.json}) for {@code doctor} and
 * {@code modes show} parity with the original. Legacy loops are never used for routing or
 * compiling; this only tells whether they parse and are consistent. Stateless and thread-safe.
 */
public final class LegacyLoopCheck {
    private LegacyLoopCheck() {
    }

    /**
     * Checks the legacy loops under an assets root, falling back to the packaged copy of a file
     * that is absent there.
     *
     * @param assetsRoot the assets root, or null to check the packaged files only
     * @return the problems, each naming its file; empty when all three are valid
     */
    public static List<String> problems(Path assetsRoot) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : BuiltinAssets.legacyLoopPaths().entrySet()) {
            String path = e.getValue();
            Path file = assetsRoot == null ? null : assetsRoot.resolve(path);
            Optional<byte[]> bytes;
            String source;
            if (file != null && Files.isRegularFile(file)) {
                source = file.toString();
                try {
                    bytes = Optional.of(Files.readAllBytes(file));
                } catch (IOException ex) {
                    problems.add("Cannot read loop asset: " + file + " (" + ex.getMessage() + ")");
                    continue;
                }
            } else {
                source = "packaged " + path;
                bytes = BuiltinAssets.resource(path);
            }
            if (bytes.isEmpty()) {
                problems.add("Cannot read loop asset: " + source);
                continue;
            }
            problems.addAll(LegacyLoops.check(source, bytes.get(), e.getKey()));
        }
        return problems;
    }
}
