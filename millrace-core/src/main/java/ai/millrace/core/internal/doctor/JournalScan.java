package ai.millrace.core.internal.doctor;

import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.journal.JournalLines;
import ai.millrace.core.internal.journal.JournalRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the transition journal without changing it: which intents have no commit, and whether
 * lines are damaged. Stateless.
 */
final class JournalScan {
    private JournalScan() {
    }

    /** What the journal holds. */
    record Result(List<JournalRecord> uncommitted, List<String> damaged) {
    }

    static Result scan(Path file) throws IOException {
        List<JournalRecord> intents = new ArrayList<>();
        Set<String> committed = new HashSet<>();
        List<String> damaged = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new Result(intents, damaged);
        }
        List<String> lines = JournalLines.read(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JournalRecord r = MillraceJson.read(lines.get(i), JournalRecord.class, file + ":" + (i + 1));
                if (JournalRecord.COMMIT.equals(r.type())) {
                    committed.add(r.txn());
                } else {
                    intents.add(r);
                }
            } catch (MillraceException | IllegalArgumentException e) {
                damaged.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        intents.removeIf(r -> committed.contains(r.txn()));
        return new Result(intents, damaged);
    }
}
