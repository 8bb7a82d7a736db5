package ai.millrace.harness.pi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class JsonLineReaderTest {

    /** Hands out one byte per read, so every multi-byte character is split across reads. */
    private static InputStream trickle(byte[] bytes) {
        return new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[next++];
                return 1;
            }
        };
    }

    private static List<RpcRecord> readAll(InputStream in, int maxLine) {
        LinkedBlockingQueue<RpcRecord> queue = new LinkedBlockingQueue<>();
        new JsonLineReader(in, queue, maxLine).run();
        return new ArrayList<>(queue);
    }

    @Test
    void splitsOnLineFeedOnlyKeepingUnicodeSeparatorsAndStrippingOneCarriageReturn() {
        String text = "{\"type\":\"a\",\"t\":\"x\u2028y\u2029z\"}\r\n{\"type\":\"b\",\"t\":\"\u00e9\u4e2d\ud83d\ude00\"}\n"
                + "{\"type\":\"c\"}";
        List<RpcRecord> records = readAll(trickle(text.getBytes(StandardCharsets.UTF_8)), 1 << 20);

        assertEquals(4, records.size());
        assertEquals("{\"type\":\"a\",\"t\":\"x\u2028y\u2029z\"}", records.get(0).raw());
        assertEquals("x\u2028y\u2029z", records.get(0).json().get("t").asText());
        assertEquals("\u00e9\u4e2d\ud83d\ude00", records.get(1).json().get("t").asText());
        assertEquals("c", records.get(2).type(), "a final line without newline is flushed");
        assertSame(RpcRecord.END, records.get(3));
    }

    @Test
    void messageUpdatesAreDroppedAndCounted() {
        String text = "{\"type\":\"message_update\",\"partial\":{}}\n{ \"type\" : \"message_update\" }\n{\"type\":\"agent_end\"}\n";
        LinkedBlockingQueue<RpcRecord> queue = new LinkedBlockingQueue<>();
        JsonLineReader reader = new JsonLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                queue, 1 << 20);
        reader.run();

        assertEquals(2, reader.droppedUpdates());
        assertEquals("agent_end", queue.poll().type());
        assertSame(RpcRecord.END, queue.poll());
    }

    @Test
    void unusableLinesAreReportedAndBlankLinesIgnored() {
        String text = "not json\n\n[1,2]\n   \n{\"id\":\"prompt-1\",\"type\":\"response\",\"success\":true}\n";
        List<RpcRecord> records = readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1 << 20);

        assertEquals(RpcRecord.Kind.INVALID, records.get(0).kind());
        assertEquals("not json", records.get(0).raw());
        assertEquals(RpcRecord.Kind.INVALID, records.get(1).kind());
        assertEquals("pi rpc stream record must be a JSON object", records.get(1).problem());
        assertEquals("prompt-1", records.get(2).id());
        assertEquals(true, records.get(2).isSuccess());
        assertEquals(4, records.size());
    }

    @Test
    void oversizedLinesAreDroppedWithoutLosingTheNextOne() {
        String big = "{\"type\":\"tool_execution_update\",\"x\":\"" + "z".repeat(5000) + "\"}";
        String text = big + "\n{\"type\":\"agent_end\"}\n";
        LinkedBlockingQueue<RpcRecord> queue = new LinkedBlockingQueue<>();
        JsonLineReader reader = new JsonLineReader(trickle(text.getBytes(StandardCharsets.UTF_8)), queue, 1000);
        reader.run();

        assertEquals(1, reader.oversizedLines());
        assertEquals("agent_end", queue.poll().type());
        assertSame(RpcRecord.END, queue.poll());
    }
}
