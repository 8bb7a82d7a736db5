package ai.millrace.harness.pi.internal;

import ai.millrace.api.internal.process.ProcessTree;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code pi --mode rpc} process and its two directions: commands written as JSON lines
 * to stdin, records read from stdout by a {@link JsonLineReader} on a dedicated daemon thread.
 * Stderr goes straight to a file, so no pipe can fill up and block Pi.
 *
 * <p>Used by one session thread; {@link #poll(long)} and {@link #send(ObjectNode)} must not be called
 * concurrently.
 */
public final class PiRpcChannel {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<RpcRecord> records = new LinkedBlockingQueue<>();
    private final JsonLineReader reader;
    private final Thread readerThread;
    private boolean stdinClosed;
    private boolean sawEof;

    private PiRpcChannel(Process process, String threadName) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new JsonLineReader(process.getInputStream(), records, JsonLineReader.DEFAULT_MAX_LINE_BYTES);
        this.readerThread = new Thread(reader, threadName);
        readerThread.setDaemon(true);
        readerThread.start();
    }

    /**
     * Starts Pi as the leader of its own process group.
     *
     * @param command the full command line, first element the resolved executable
     * @param workingDirectory the working directory
     * @param environment the complete environment (replaces the JVM's)
     * @param stderrFile where Pi's stderr is written
     * @param threadName name of the stdout reader thread
     * @return the channel
     * @throws IOException when the process cannot be started
     */
    public static PiRpcChannel start(List<String> command, Path workingDirectory, Map<String, String> environment,
            Path stderrFile, String threadName) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.to(stderrFile.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new PiRpcChannel(ProcessTree.start(builder), threadName);
    }

    /**
     * Returns the process.
     *
     * @return the process, never null
     */
    public Process process() {
        return process;
    }

    /**
     * Writes one command as a JSON line and flushes it.
     *
     * @param command the command object, never null
     * @throws IOException when stdin is closed or the pipe is broken
     */
    public void send(ObjectNode command) throws IOException {
        if (stdinClosed) {
            throw new IOException("pi stdin is closed");
        }
        byte[] line;
        try {
            line = (MAPPER.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        stdin.write(line);
        stdin.flush();
    }

    /**
     * Waits for the next record until a deadline. After the end of the stream it keeps returning
     * {@link RpcRecord#END} at once.
     *
     * @param deadlineNanos the deadline on the {@link System#nanoTime()} scale
     * @return the next record, or null when the deadline passed first
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public RpcRecord poll(long deadlineNanos) throws InterruptedException {
        if (sawEof) {
            return RpcRecord.END;
        }
        long left = deadlineNanos - System.nanoTime();
        RpcRecord record = left <= 0 ? records.poll() : records.poll(left, TimeUnit.NANOSECONDS);
        if (record == RpcRecord.END) {
            sawEof = true;
        }
        return record;
    }

    /**
     * Closes Pi's stdin, which ends an RPC session. Idempotent; errors are ignored because a dead
     * process has nothing left to tell.
     */
    public void closeStdin() {
        if (stdinClosed) {
            return;
        }
        stdinClosed = true;
        try {
            stdin.close();
        } catch (IOException e) {
            // Broken pipe: the process is already gone.
        }
    }

    /**
     * Waits for the reader thread to see the end of the stream, which happens once every process
     * holding the pipe has exited.
     *
     * @param timeout how long to wait at most
     * @return true when the reader finished
     */
    public boolean awaitReader(Duration timeout) {
        try {
            readerThread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !readerThread.isAlive();
    }

    /**
     * Returns how many {@code message_update} records were dropped.
     *
     * @return the count
     */
    public long droppedUpdates() {
        return reader.droppedUpdates();
    }

    /**
     * Returns how many oversized lines were dropped.
     *
     * @return the count
     */
    public long oversizedLines() {
        return reader.oversizedLines();
    }
}
