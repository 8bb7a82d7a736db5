package ai.millrace.testkit.fakemodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeReplyTest {

    @Test
    void modifiersReturnChangedCopiesAndLeaveTheOriginalAlone() {
        FakeReply original = FakeReply.text("hi");

        FakeReply changed = original.withUsage(40, 10, 8, 3).withDelay(Duration.ofSeconds(2)).hang();

        assertNotSame(original, changed);
        assertEquals(FakeUsage.DEFAULT, original.usage());
        assertEquals(Duration.ZERO, original.delay());
        assertFalse(original.hangs());
        assertEquals(new FakeUsage(40, 10, 8, 3), changed.usage());
        assertEquals(Duration.ofSeconds(2), changed.delay());
        assertTrue(changed.hangs());
        assertEquals("hi", changed.text());
        assertEquals(FakeReply.Kind.TEXT, changed.kind());
    }

    @Test
    void factoriesSetTheirKindAndFields() {
        FakeReply call = FakeReply.toolCall("bash", "{\"command\":\"ls\"}");
        assertEquals(FakeReply.Kind.TOOL_CALL, call.kind());
        assertEquals("bash", call.toolName());
        assertEquals("{\"command\":\"ls\"}", call.arguments());

        FakeReply error = FakeReply.httpError(503, "{}");
        assertEquals(FakeReply.Kind.HTTP_ERROR, error.kind());
        assertEquals(503, error.httpStatus());
        assertEquals("{}", error.text());

        assertEquals(FakeReply.Kind.STREAM_FAILURE, FakeReply.streamFailure().kind());
        assertEquals(FakeReply.Kind.STREAM_ERROR, FakeReply.streamError("x").kind());
        assertEquals(FakeReply.Kind.SHELL_COMMAND, FakeReply.shellCommand("ls").kind());
        assertEquals(200, FakeReply.text("t").httpStatus());
    }

    @Test
    void rejectsInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> FakeReply.httpError(200, "{}"));
        assertThrows(IllegalArgumentException.class, () -> FakeReply.httpError(600, "{}"));
        assertThrows(IllegalArgumentException.class, () -> FakeReply.text("x").withDelay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> FakeReply.text("x").withUsage(5, 6, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> FakeReply.text("x").withUsage(5, 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> FakeReply.text("x").withUsage(-1, 0, 1, 0));
        assertThrows(NullPointerException.class, () -> FakeReply.text(null));
        assertThrows(NullPointerException.class, () -> FakeReply.toolCall("bash", null));
    }

    @Test
    void usageTotalIsInputPlusOutput() {
        assertEquals(57, new FakeUsage(40, 30, 17, 5).totalTokens());
    }

    @Test
    void toStringNamesTheKindAndModifiers() {
        String text = FakeReply.httpError(502, "{}").withDelay(Duration.ofMillis(5)).hang().toString();
        assertTrue(text.contains("HTTP_ERROR") && text.contains("502") && text.contains("hang"), text);
    }
}
