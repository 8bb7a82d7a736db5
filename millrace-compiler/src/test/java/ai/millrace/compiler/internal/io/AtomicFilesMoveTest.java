package ai.millrace.compiler.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moves between folders: the target folder is made when missing, a missing source is an error. */
class AtomicFilesMoveTest {
    @TempDir
    Path dir;

    @Test
    void movesIntoAnExistingFolder() throws Exception {
        Path source = Files.writeString(dir.resolve("a.md"), "a");
        Path target = Files.createDirectories(dir.resolve("done")).resolve("a.md");
        AtomicFiles.DURABLE.move(source, target);
        assertEquals("a", Files.readString(target));
        assertFalse(Files.exists(source));
    }

    @Test
    void makesAMissingTargetFolder() throws Exception {
        Path source = Files.writeString(dir.resolve("a.md"), "a");
        Path target = dir.resolve("tasks").resolve("active").resolve("a.md");
        AtomicFiles.NO_FSYNC.move(source, target);
        assertEquals("a", Files.readString(target));
    }

    @Test
    void aMissingSourceFailsNamingItAndMakesNoFolder() {
        Path source = dir.resolve("gone.md");
        Path target = dir.resolve("done").resolve("gone.md");
        MillraceException e = assertThrows(MillraceException.class, () -> AtomicFiles.DURABLE.move(source, target));
        assertEquals(ErrorCode.STORAGE_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains(source.toString()), e.getMessage());
        assertFalse(Files.exists(target.getParent()));
    }
}
