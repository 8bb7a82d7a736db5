package ai.millrace.core.internal.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.millrace.api.ContractViolationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code ai/millrace/assets/asset-index.txt} (in millrace-compiler) equal to the asset
 * folder it indexes. Run with {@code -Dmillrace.updateAssetIndex=true} to rewrite it.
 */
class AssetIndexTest {
    private static final Path ASSET_SOURCE = Path.of("..", "millrace-compiler", "src", "main", "resources", "ai",
            "millrace", "assets");

    @Test
    void packagedIndexListsExactlyTheFilesOfTheAssetFolder() throws IOException {
        assumeTrue(Files.isDirectory(ASSET_SOURCE), "the compiler's asset sources are not next to this module");
        Path indexFile = ASSET_SOURCE.resolve(AssetPaths.INDEX_NAME);
        String expected = AssetPaths.indexText(AssetPaths.scan(ASSET_SOURCE));

        if (Boolean.getBoolean("millrace.updateAssetIndex")) {
            Files.writeString(indexFile, expected, StandardCharsets.UTF_8);
        }

        String actual = Files.exists(indexFile) ? Files.readString(indexFile, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "asset-index.txt is stale; regenerate it with "
                + "`mvn -pl millrace-core test -Dtest=AssetIndexTest -Dmillrace.updateAssetIndex=true`");
    }

    @Test
    void scanSkipsHiddenFilesPycacheAndCompiledPythonAndSorts(@TempDir Path root) throws IOException {
        write(root, "skills/b/SKILL.md");
        write(root, "skills/a.md");
        write(root, "skills/.hidden/x.md");
        write(root, "skills/.DS_Store");
        write(root, "entrypoints/__pycache__/x.md");
        write(root, "entrypoints/m.pyc");
        write(root, "entrypoints/execution/builder.md");
        write(root, "other/ignored.md");

        assertEquals(List.of("entrypoints/execution/builder.md", "skills/a.md", "skills/b/SKILL.md"),
                AssetPaths.scan(root));
    }

    @Test
    void indexTextRoundTripsThroughTheParser() {
        List<String> paths = List.of("modes/a.json", "skills/b.md");
        assertEquals(paths, AssetPaths.parseIndex(AssetPaths.indexText(paths)));
    }

    @Test
    void assetPathsMustStayInsideTheirFamily() {
        List<String> families = List.of("entrypoints", "skills");
        assertEquals("skills/x/SKILL.md", AssetPaths.requireAssetPath("p", "skills/x/SKILL.md", families));
        for (String bad : List.of("../x.md", "skills/../x.md", "/skills/x.md", "modes/x.md", "skills", "skills//x.md",
                "skills\\x.md", "skills/.hidden.md", "C:/skills/x.md")) {
            ContractViolationException e = assertThrows(ContractViolationException.class,
                    () -> AssetPaths.requireAssetPath("plugin P", bad, families), bad);
            assertTrue(e.detail().startsWith("plugin P: "), e.detail());
        }
        assertFalse(AssetPaths.isSkipped("execution/builder.md"));
    }

    private static void write(Path root, String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative);
    }
}
