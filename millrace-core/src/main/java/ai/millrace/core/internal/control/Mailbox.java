package ai.millrace.core.internal.control;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.state.MailboxCommand;
import ai.millrace.api.state.MailboxCommandEnvelope;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.compiler.internal.json.Timestamps;
import ai.millrace.core.internal.journal.DeleteWorkspaceFile;
import ai.millrace.core.internal.journal.Transition;
import ai.millrace.core.internal.journal.TransitionRunner;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The control mailbox {@code state/mailbox/{incoming,processed,failed}}.
 *
 * <p>Commands are written atomically into {@code incoming/} as
 * {@code <19-digit sequence>-<command id>.json}. The sequence is the issue time in epoch
 * nanoseconds, raised above every sequence still waiting, and taken under the
 * {@link ControlFileLock}, so file-name order is issue order (the original orders by command
 * name, so "resume then pause" could end resumed).
 *
 * <p>{@link #drain} applies waiting commands in issue order. Each command's durable effects and
 * its archive ({@code processed/<name>} or {@code failed/<name>}, then removal from
 * {@code incoming/}) are one journaled transition: a crash before the intent is journaled
 * leaves the command waiting with nothing applied; a crash after it is completed by journal
 * replay without calling the handler again. So each command applies exactly once. Drains must
 * not run concurrently (the runtime drains from its single control thread); submitting is
 * thread- and process-safe.
 */
public final class Mailbox {
    private static final String JSON = ".json";

    private final WorkspacePaths paths;
    private final AtomicFiles files;
    private final Clock clock;

    /**
     * Creates the mailbox of a workspace.
     *
     * @param paths the workspace
     * @param files the write strategy
     * @param clock the issue clock
     */
    public Mailbox(WorkspacePaths paths, AtomicFiles files, Clock clock) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Issues a command with a fresh id {@code <command>-<epoch millis>-<8 hex>}.
     *
     * @param command the command
     * @param payload its payload (see spec 01 section 1.11)
     * @param issuer who issues it, such as {@code operator}
     * @return the envelope written
     */
    public MailboxCommandEnvelope submit(MailboxCommand command, Map<String, Object> payload, String issuer) {
        Instant now = clock.instant();
        String id = command.wireName() + "-" + now.toEpochMilli() + "-"
                + HexFormat.of().formatHex(randomBytes(4));
        MailboxCommandEnvelope envelope = new MailboxCommandEnvelope(id, command, now, issuer, payload);
        submit(envelope);
        return envelope;
    }

    /**
     * Writes an envelope into {@code incoming/}, after every command issued before it.
     *
     * @param envelope the envelope
     * @return the file written
     * @throws MillraceException QUEUE_CONFLICT when a waiting command has the same id
     */
    @SuppressWarnings("try") // the control lock is held for the whole block
    public Path submit(MailboxCommandEnvelope envelope) {
        String stem = fileStem(envelope.commandId());
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            long sequence = epochNanos(clock.instant());
            for (Path waiting : pending()) {
                String name = waiting.getFileName().toString();
                if (name.endsWith("-" + stem + JSON)) {
                    throw new MillraceException(ErrorCode.QUEUE_CONFLICT, "mailbox command " + envelope.commandId()
                            + " is already waiting as " + waiting + "; issue it with a new id");
                }
                sequence = Math.max(sequence, sequenceOf(name) + 1);
            }
            Path file = paths.mailboxIncomingDir().resolve(String.format("%019d", sequence) + "-" + stem + JSON);
            files.write(file, MillraceJson.writeBytes(envelope));
            return file;
        }
    }

    /**
     * Returns the waiting command files in issue order.
     *
     * @return the files
     */
    public List<Path> pending() {
        Path dir = paths.mailboxIncomingDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(JSON) && !name.startsWith(".") && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies every waiting command in issue order, archiving each.
     *
     * @param runner commits each command's effects with its archive
     * @param handler applies a command
     * @return what was processed and what failed
     */
    @SuppressWarnings("try") // the control lock is held for the whole block
    public DrainReport drain(TransitionRunner runner, MailboxHandler handler) {
        List<Path> batch;
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            batch = pending();
        }
        List<String> processed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path file : batch) {
            String name = file.getFileName().toString();
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
            }
            MailboxCommandEnvelope envelope;
            try {
                envelope = MillraceJson.read(text, MailboxCommandEnvelope.class, file.toString());
            } catch (MillraceException e) {
                archiveFailed(runner, file, null, text, e.detail());
                failed.add(name + ": " + e.detail());
                continue;
            }
            CommandOutcome outcome;
            try {
                outcome = handler.handle(envelope);
            } catch (Exception e) {
                String reason = e instanceof MillraceException m ? m.detail() : String.valueOf(e.getMessage());
                archiveFailed(runner, file, envelope, null, reason);
                failed.add(name + ": " + reason);
                continue;
            }
            Map<String, Object> archive = archive("processed");
            archive.put("envelope", MillraceJson.mapper().valueToTree(envelope));
            archive.put("result", outcome.result());
            Transition.Builder t = Transition.named("mailbox_" + envelope.command().wireName());
            outcome.effects().forEach(t::step);
            t.step(WriteWorkspaceFile.of(paths, paths.mailboxProcessedDir().resolve(name), MillraceJson.write(archive)));
            t.step(DeleteWorkspaceFile.of(paths, file));
            try {
                runner.run(t.build());
                processed.add(envelope.commandId());
            } catch (MillraceException e) {
                if (e.errorCode() == ErrorCode.STORAGE_FAILED) {
                    throw e;
                }
                // A precondition of an effect failed before anything was written.
                archiveFailed(runner, file, envelope, null, e.detail());
                failed.add(name + ": " + e.detail());
            }
        }
        return new DrainReport(processed, failed);
    }

    private void archiveFailed(TransitionRunner runner, Path file, MailboxCommandEnvelope envelope, String raw,
            String error) {
        Map<String, Object> archive = archive("failed");
        if (envelope != null) {
            archive.put("envelope", MillraceJson.mapper().valueToTree(envelope));
        }
        archive.put("error", error);
        if (raw != null) {
            archive.put("raw_payload", raw);
        }
        Path target = paths.mailboxFailedDir().resolve(file.getFileName().toString());
        runner.run(Transition.named("mailbox_failed")
                .step(WriteWorkspaceFile.of(paths, target, MillraceJson.write(archive)))
                .step(DeleteWorkspaceFile.of(paths, file))
                .build());
    }

    private Map<String, Object> archive(String disposition) {
        Map<String, Object> archive = new LinkedHashMap<>();
        archive.put("schema_version", "1.0");
        archive.put("kind", "mailbox_archive");
        archive.put("disposition", disposition);
        archive.put("archived_at", Timestamps.format(clock.instant()));
        return archive;
    }

    /**
     * Returns the file-name stem of a command id: every character other than letters, digits,
     * {@code -}, {@code _} and {@code .} becomes {@code _}, and outer dots are stripped.
     *
     * @param commandId the command id
     * @return the stem
     * @throws MillraceException CONTRACT_VIOLATION when nothing is left
     */
    public static String fileStem(String commandId) {
        StringBuilder sb = new StringBuilder();
        for (char c : commandId.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        String stem = sb.toString().replaceAll("^\\.+|\\.+$", "");
        if (stem.isEmpty()) {
            throw new MillraceException(ErrorCode.CONTRACT_VIOLATION,
                    "mailbox command id '" + commandId + "' gives an empty file name; use letters, digits, - or _");
        }
        return stem;
    }

    private static long sequenceOf(String name) {
        int dash = name.indexOf('-');
        if (dash <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
