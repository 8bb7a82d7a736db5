package ai.millrace.core.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.state.MailboxCommand;
import ai.millrace.api.state.MailboxCommandEnvelope;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.journal.StartupRecovery;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.internal.testing.Fixtures.Env;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Mailbox commands apply exactly once even when the draining JVM is killed mid-command. */
class MailboxCrashTest {
    private static final List<MailboxCommand> MIX = List.of(MailboxCommand.STOP, MailboxCommand.RESUME,
            MailboxCommand.PAUSE, MailboxCommand.ADD_TASK, MailboxCommand.RELOAD_CONFIG, MailboxCommand.CLEAR_STALE_STATE);

    @TempDir
    Path root;

    private List<String> submit(Mailbox mailbox, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MailboxCommandEnvelope e = mailbox.submit(MIX.get(i % MIX.size()), Map.of(), "operator");
            ids.add(e.commandId());
        }
        return ids;
    }

    /** Drains what is left in-process, as the next runtime start would. */
    private List<String> restartAndDrain(WorkspacePaths paths) throws Exception {
        Env env = Env.open(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK);
        StartupRecovery.recover(env.runner(), Fixtures.CLOCK);
        new Mailbox(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK).drain(env.runner(), MailboxCrashChild.appendingHandler(paths));
        assertEquals(List.of(), Fixtures.list(paths.mailboxIncomingDir()), "nothing left waiting");
        return Files.readAllLines(paths.workspaceRoot().resolve(MailboxCrashChild.APPLIED));
    }

    @Test
    @Timeout(60)
    void killBetweenApplyAndArchiveDoesNotApplyTwice() throws Exception {
        WorkspacePaths paths = Fixtures.workspaceWithSnapshot(root);
        Mailbox mailbox = new Mailbox(paths, AtomicFiles.DURABLE, Clock.systemUTC());
        List<String> issued = submit(mailbox, 5);
        Process child = Fixtures.childJvm(MailboxCrashChild.class, root.toString(), "block").start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("recovered", in.readLine());
            assertEquals("intent mailbox_stop", in.readLine());
            assertEquals("applied", in.readLine());
            // The effect is on disk, the archive is not: the original would apply this command again.
            assertEquals(List.of(issued.get(0)), Files.readAllLines(paths.workspaceRoot().resolve(MailboxCrashChild.APPLIED)));
            assertEquals(5, mailbox.pending().size());
            child.toHandle().destroyForcibly();
            child.waitFor();
        }
        assertEquals(issued, restartAndDrain(paths), "each command once, in issue order");
        assertEquals(5, Fixtures.list(paths.mailboxProcessedDir()).size());
    }

    @Test
    @Timeout(90)
    void killsAtRandomPointsNeverLoseOrRepeatACommand() throws Exception {
        WorkspacePaths paths = Fixtures.workspaceWithSnapshot(root);
        Mailbox mailbox = new Mailbox(paths, AtomicFiles.DURABLE, Clock.systemUTC());
        List<String> issued = new ArrayList<>();
        Random random = new Random(7);
        for (int iteration = 0; iteration < 8; iteration++) {
            issued.addAll(submit(mailbox, 4));
            int killAfter = 1 + random.nextInt(14);
            Process child = Fixtures.childJvm(MailboxCrashChild.class, root.toString(), "run").start();
            int progress = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.equals("recovered") && progress++ == killAfter) {
                        child.toHandle().destroyForcibly();
                    }
                }
            }
            child.waitFor();
        }
        assertEquals(issued, restartAndDrain(paths));
        assertEquals(issued.size(), Fixtures.list(paths.mailboxProcessedDir()).size());
        assertTrue(Fixtures.list(paths.mailboxFailedDir()).isEmpty());
    }
}
