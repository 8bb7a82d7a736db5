package ai.millrace.harness.pi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads Pi's stdout on its own thread and turns it into {@link RpcRecord}s.
 *
 * <p>Framing follows the RPC spec: records are split on LF ({@code \n}) only, never on CR alone or
 * on U+2028/U+2029, and one trailing CR is stripped. Each line is decoded as UTF-8 (LF never occurs
 * inside a multi-byte sequence, so splitting bytes first is safe). {@code message_update} records,
 * which repeat the growing partial message and are never used or persisted, are dropped here to keep
 * memory bounded; so are lines longer than the size cap. A final unterminated line is flushed, and
 * {@link RpcRecord#END} is always posted last.
 *
 * <p>{@link #run()} is meant to be the body of a dedicated thread; the queue is the only state shared
 * with other threads.
 */
public final class JsonLineReader implements Runnable {
    /** Lines longer than this are discarded rather than buffered. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How Pi itself writes these records; other spellings are still recognized after parsing. */
    private static final String UPDATE_PREFIX = "{\"type\":\"message_update\"";

    private final InputStream in;
    private final BlockingQueue<RpcRecord> sink;
    private final int maxLineBytes;
    private final AtomicLong droppedUpdates = new AtomicLong();
    private final AtomicLong oversizedLines = new AtomicLong();
    private byte[] line = new byte[8192];
    private int length;
    private boolean skipping;

    /**
     * Creates a reader.
     *
     * @param in Pi's stdout, never null; closed when the stream ends
     * @param sink where records go, never null; must be unbounded (the reader never blocks on it)
     * @param maxLineBytes lines above this size are dropped
     */
    public JsonLineReader(InputStream in, BlockingQueue<RpcRecord> sink, int maxLineBytes) {
        this.in = in;
        this.sink = sink;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Returns how many {@code message_update} records were dropped so far. Thread-safe.
     *
     * @return the count
     */
    public long droppedUpdates() {
        return droppedUpdates.get();
    }

    /**
     * Returns how many lines were dropped for exceeding the size cap so far. Thread-safe.
     *
     * @return the count
     */
    public long oversizedLines() {
        return oversizedLines.get();
    }

    @Override
    public void run() {
        byte[] chunk = new byte[65536];
        try (InputStream stream = in) {
            int n;
            while ((n = stream.read(chunk)) >= 0) {
                feed(chunk, n);
            }
        } catch (IOException e) {
            // The pipe was closed under us (process killed); treat it as the end of the stream.
        } finally {
            if (length > 0 && !skipping) {
                emit();
            }
            sink.add(RpcRecord.END);
        }
    }

    private void feed(byte[] chunk, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (chunk[i] == '\n') {
                append(chunk, start, i - start);
                if (!skipping) {
                    emit();
                }
                length = 0;
                skipping = false;
                start = i + 1;
            }
        }
        append(chunk, start, n - start);
    }

    private void append(byte[] chunk, int from, int count) {
        if (skipping || count == 0) {
            return;
        }
        if ((long) length + count > maxLineBytes) {
            skipping = true;
            length = 0;
            line = new byte[8192];
            oversizedLines.incrementAndGet();
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(length + count, Math.min(maxLineBytes, line.length * 2)));
        }
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    private void emit() {
        int end = length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        String raw = new String(line, 0, end, StandardCharsets.UTF_8);
        length = 0;
        if (raw.isBlank()) {
            return;
        }
        if (raw.startsWith(UPDATE_PREFIX)) {
            droppedUpdates.incrementAndGet();
            return;
        }
        RpcRecord record = parse(raw);
        if (record != null) {
            sink.add(record);
        }
    }

    private RpcRecord parse(String raw) {
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            return new RpcRecord(RpcRecord.Kind.INVALID, raw, null,
                    "invalid JSON in pi rpc stream: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode)) {
            return new RpcRecord(RpcRecord.Kind.INVALID, raw, null, "pi rpc stream record must be a JSON object");
        }
        RpcRecord record = new RpcRecord(RpcRecord.Kind.OBJECT, raw, (ObjectNode) node, null);
        if ("message_update".equals(record.type())) {
            droppedUpdates.incrementAndGet();
            return null;
        }
        return record;
    }
}
