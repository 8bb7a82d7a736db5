package ai.millrace.core.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.MailboxCommand;
import ai.millrace.api.state.MailboxCommandEnvelope;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.journal.EnqueueDocument;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.internal.testing.Fixtures.Env;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxTest {
    @TempDir
    Path root;
    WorkspacePaths paths;
    Env env;
    Mailbox mailbox;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspaceWithSnapshot(root);
        env = Env.open(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK);
        // A fixed clock: issue order must still hold when two commands share a timestamp.
        mailbox = new Mailbox(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK);
    }

    private JsonNode archive(Path dir) {
        List<String> names = Fixtures.list(dir);
        assertEquals(1, names.size(), names.toString());
        return MillraceJson.readTree(Fixtures.read(dir.resolve(names.get(0))), "archive");
    }

    @Test
    void drainsInIssueOrderNotByCommandName() {
        List<MailboxCommand> issued = List.of(MailboxCommand.RESUME, MailboxCommand.PAUSE, MailboxCommand.STOP,
                MailboxCommand.ADD_IDEA, MailboxCommand.CLEAR_STALE_STATE);
        List<String> ids = new ArrayList<>();
        for (MailboxCommand c : issued) {
            ids.add(mailbox.submit(c, Map.of(), "operator").commandId());
        }
        List<MailboxCommand> seen = new ArrayList<>();
        DrainReport report = mailbox.drain(env.runner(), e -> {
            seen.add(e.command());
            return CommandOutcome.none();
        });
        assertEquals(issued, seen);
        assertEquals(ids, report.processed());
        assertTrue(Fixtures.list(paths.mailboxIncomingDir()).isEmpty());
        assertEquals(5, Fixtures.list(paths.mailboxProcessedDir()).size());
    }

    @Test
    void commandIdsAndFileNamesFollowTheFormat() {
        MailboxCommandEnvelope e = mailbox.submit(MailboxCommand.PAUSE, Map.of(), "operator");
        assertTrue(e.commandId().matches("pause-" + Fixtures.T0.toEpochMilli() + "-[0-9a-f]{8}"), e.commandId());
        String name = Fixtures.list(paths.mailboxIncomingDir()).get(0);
        assertTrue(name.matches("\\d{19}-" + e.commandId() + "\\.json"), name);
        assertEquals(e, MillraceJson.read(Fixtures.read(paths.mailboxIncomingDir().resolve(name)),
                MailboxCommandEnvelope.class, name));
        assertEquals("a_b_c.d", Mailbox.fileStem("..a/b c.d."));
        assertThrows(MillraceException.class, () -> Mailbox.fileStem("..."));
        MillraceException dup = assertThrows(MillraceException.class, () -> mailbox.submit(e));
        assertEquals(ErrorCode.QUEUE_CONFLICT, dup.errorCode());
    }

    @Test
    void effectsCommitWithTheProcessedArchive() {
        MailboxCommandEnvelope e = mailbox.submit(MailboxCommand.ADD_TASK, Map.of(), "operator");
        mailbox.drain(env.runner(), x -> new CommandOutcome(Map.of("task_id", "t9"), List.of(
                new EnqueueDocument(WorkItemKind.TASK, "t9", Fixtures.taskMarkdown("t9", "2026-01-01T00:00:00Z")))));
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "t9")));
        JsonNode a = archive(paths.mailboxProcessedDir());
        assertEquals("mailbox_archive", a.get("kind").asText());
        assertEquals("processed", a.get("disposition").asText());
        assertEquals(e.commandId(), a.get("envelope").get("command_id").asText());
        assertEquals("t9", a.get("result").get("task_id").asText());
        assertEquals("2026-01-01T00:00:00Z", a.get("archived_at").asText());
    }

    @Test
    void handlerFailureIsArchivedWithTheReasonAndAppliesNothing() {
        mailbox.submit(MailboxCommand.RETRY_ACTIVE, Map.of("scope", "nowhere"), "operator");
        DrainReport report = mailbox.drain(env.runner(), x -> {
            throw new IllegalArgumentException("invalid retry scope 'nowhere'");
        });
        assertEquals(List.of(), report.processed());
        JsonNode a = archive(paths.mailboxFailedDir());
        assertEquals("failed", a.get("disposition").asText());
        assertEquals("invalid retry scope 'nowhere'", a.get("error").asText());
        assertEquals("retry_active", a.get("envelope").get("command").asText());
        assertTrue(Fixtures.list(paths.mailboxIncomingDir()).isEmpty());
    }

    @Test
    void effectThatCannotApplyIsArchivedFailed() {
        Fixtures.write(paths.documentFile(WorkItemKind.TASK, QueueState.DONE, "t1"), Fixtures.taskMarkdown("t1", "2026-01-01T00:00:00Z"));
        mailbox.submit(MailboxCommand.ADD_TASK, Map.of(), "operator");
        mailbox.drain(env.runner(), x -> CommandOutcome.of(
                new EnqueueDocument(WorkItemKind.TASK, "t1", Fixtures.taskMarkdown("t1", "2026-01-01T00:00:00Z")),
                new WriteWorkspaceFile("millrace-agents/state/side-effect.txt", "x")));
        assertTrue(archive(paths.mailboxFailedDir()).get("error").asText().contains("task t1 already exists"));
        assertFalse(Files.exists(paths.stateDir().resolve("side-effect.txt")), "no effect of a failed command");
    }

    @Test
    void unreadableEnvelopeIsArchivedFailedWithItsRawText() {
        Fixtures.write(paths.mailboxIncomingDir().resolve("0000000000000000001-bad.json"), "{\"command\": \"dance\"}");
        Fixtures.write(paths.mailboxIncomingDir().resolve(".tmp.json.tmp-1"), "partial");
        DrainReport report = mailbox.drain(env.runner(), x -> CommandOutcome.none());
        assertEquals(1, report.failed().size());
        JsonNode a = archive(paths.mailboxFailedDir());
        assertEquals("{\"command\": \"dance\"}", a.get("raw_payload").asText());
        assertTrue(a.get("error").asText().contains("0000000000000000001-bad.json"), a.get("error").asText());
        assertEquals(List.of(".tmp.json.tmp-1"), Fixtures.list(paths.mailboxIncomingDir()), "temp files are not commands");
    }
}
