package ai.millrace.core.internal.control;

import ai.millrace.api.state.MailboxCommandEnvelope;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.journal.StartupRecovery;
import ai.millrace.core.internal.journal.Transition;
import ai.millrace.core.internal.journal.TransitionObserver;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.internal.testing.Fixtures.Env;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Child JVM for {@link MailboxCrashTest}: recovers, then drains the mailbox with
 * {@link #appendingHandler}, printing a line after each command's effect is applied (before its
 * archive). In mode {@code block} it then waits on stdin forever, so the parent can kill it
 * exactly between apply and archive. Args: workspace root, mode ({@code block} or {@code run}).
 */
public final class MailboxCrashChild {
    /** The file the handler's effect appends command ids to, relative to the workspace. */
    public static final String APPLIED = "millrace-agents/state/applied.txt";

    private MailboxCrashChild() {
    }

    /** A handler whose effect is not idempotent: applying a command twice lists its id twice. */
    public static MailboxHandler appendingHandler(WorkspacePaths paths) {
        return (MailboxCommandEnvelope envelope) -> {
            Path file = paths.workspaceRoot().resolve(APPLIED);
            String before = Files.exists(file) ? Files.readString(file) : "";
            return CommandOutcome.of(new WriteWorkspaceFile(APPLIED, before + envelope.commandId() + "\n"));
        };
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        WorkspacePaths paths = WorkspacePaths.of(Path.of(args[0]));
        boolean block = "block".equals(args[1]);
        Clock clock = Clock.systemUTC();
        Env env = Env.open(paths, AtomicFiles.DURABLE, clock);
        StartupRecovery.recover(env.runner(), clock);
        out.println("recovered");
        env.runner().observer(new TransitionObserver() {
            @Override
            public void intentRecorded(String txn, Transition t) {
                out.println("intent " + t.name());
            }

            @Override
            public void stepApplied(String txn, int index, TransitionStep step) {
                out.println(index == 0 ? "applied" : "step " + index);
                if (block && index == 0) {
                    try {
                        System.in.read();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
        new Mailbox(paths, AtomicFiles.DURABLE, clock).drain(env.runner(), appendingHandler(paths));
        out.println("drained");
    }
}
