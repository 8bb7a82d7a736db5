package ai.millrace.core.internal.closure;

import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fingerprint a parked arbiter waits on: the target file, the rubric and the two canonical
 * contracts. Any operator edit to one of them re-arms the arbiter.
 */
final class ClosureFingerprint {
    private ClosureFingerprint() {
    }

    /** The fingerprint with the target as it will be written (its bytes are not on disk yet). */
    static String planned(WorkspacePaths paths, ClosureTargetState target) {
        return of(paths, target, MillraceJson.writeBytes(target));
    }

    /** The fingerprint with the target file as it is on disk. */
    static String current(WorkspacePaths paths, ClosureTargetState target) {
        return of(paths, target, bytes(paths.closureTargetFile(target.rootSpecId())));
    }

    private static String of(WorkspacePaths paths, ClosureTargetState target, byte[] targetBytes) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path w = paths.workspaceRoot();
        part(md, "target", targetBytes);
        part(md, "rubric", bytes(w.resolve(target.rubricPath())));
        part(md, "root_spec", bytes(w.resolve(target.rootSpecPath())));
        part(md, "root_idea", bytes(w.resolve(target.rootIdeaPath())));
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void part(MessageDigest md, String name, byte[] content) {
        md.update((name + ":" + (content == null ? -1 : content.length) + ":").getBytes(StandardCharsets.UTF_8));
        if (content != null) {
            md.update(content);
        }
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return ("unreadable:" + e.getMessage()).getBytes(StandardCharsets.UTF_8);
        }
    }
}
