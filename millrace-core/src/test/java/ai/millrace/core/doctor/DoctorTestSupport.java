package ai.millrace.core.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An initialized workspace per test and helpers to seed defects. */
abstract class DoctorTestSupport {
    @TempDir
    Path root;

    WorkspacePaths paths;

    @BeforeEach
    void init() {
        WorkspaceInitializer.builder().clock(Fixtures.CLOCK).build().init(root);
        paths = WorkspacePaths.of(root);
    }

    Doctor doctor() {
        return Doctor.builder().clock(Fixtures.CLOCK).binaryLookup(c -> true).files(AtomicFiles.NO_FSYNC).build();
    }

    DoctorReport check() {
        return doctor().check(root);
    }

    Path r(String relative) {
        return paths.runtimeRoot().resolve(relative);
    }

    void write(String relative, String text) {
        Fixtures.write(r(relative), text);
    }

    /** Asserts that the report has a finding with this code, severity and path. */
    static DoctorFinding assertFinding(DoctorReport report, String code, Severity severity, String path) {
        List<DoctorFinding> found = report.withCode(code);
        assertFalse(found.isEmpty(), code + " not reported; got " + report.lines());
        DoctorFinding f = found.stream().filter(x -> path == null || path.equals(x.path())).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not at " + path + "; got " + found));
        assertEquals(severity, f.severity());
        return f;
    }

    static void assertNoFinding(DoctorReport report, String code) {
        assertEquals(List.of(), report.withCode(code), code);
    }

    static Map<String, String> tree(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
