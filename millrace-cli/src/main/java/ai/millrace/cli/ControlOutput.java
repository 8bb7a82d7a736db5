package ai.millrace.cli;

import ai.millrace.core.ControlResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Stream;

/** Prints a {@link ControlResult} as the original's control block (spec 02 section 5.4). */
final class ControlOutput {
    private ControlOutput() {
    }

    static void print(ControlResult r, PrintWriter out) {
        out.println("action: " + r.action());
        out.println("mode: " + r.mode());
        out.println("applied: " + r.applied());
        out.println("detail: " + r.detail());
        if (r.commandId() != null) {
            out.println("command_id: " + r.commandId());
        }
        String mailbox = mailboxFile(r);
        if (mailbox != null) {
            out.println("mailbox_path: " + mailbox);
        }
        if (r.artifactPath() != null) {
            out.println("artifact_path: " + r.artifactPath());
        }
    }

    /** The envelope file: the original printed the file, the core result may name the incoming folder. */
    static String mailboxFile(ControlResult r) {
        if (r.mailboxPath() == null) {
            return null;
        }
        Path p = Path.of(r.mailboxPath());
        if (r.commandId() != null && Files.isDirectory(p)) {
            String name = r.commandId().replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^\\.+|\\.+$", "") + ".json";
            // This build's mailbox prefixes the name with an issue-order sequence: <sequence>-<command id>.json.
            try (Stream<Path> files = Files.list(p)) {
                Optional<Path> match = files.filter(f -> f.getFileName().toString().equals(name)
                        || f.getFileName().toString().endsWith("-" + name)).findFirst();
                if (match.isPresent()) {
                    return match.get().toString();
                }
            } catch (IOException e) {
                // Fall through: name the expected file.
            }
            return p.resolve(name).toString();
        }
        return r.mailboxPath();
    }
}
