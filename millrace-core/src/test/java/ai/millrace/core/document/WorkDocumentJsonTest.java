package ai.millrace.core.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkDocumentJsonTest {
    private static final String EXAMPLE = "{\"task_id\":\"task-001\",\"title\":\"Example\",\"target_paths\":[\"src/a\"],"
            + "\"acceptance\":[\"x\"],\"required_checks\":[\"pytest\"],\"references\":[\"docs/a.md\"],\"risk\":[\"low\"],"
            + "\"created_at\":\"2026-01-01T00:00:00Z\",\"created_by\":\"operator\"}";

    @Test
    void readsTheSpecExampleAndItsMarkdownReadsBackEqual() {
        TaskDocument task = WorkDocumentJson.read(EXAMPLE, TaskDocument.class, "task-001.json");

        assertEquals("task-001", task.taskId());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), task.createdAt());
        assertEquals(List.of("pytest"), task.requiredChecks());
        assertEquals("", task.summary());
        assertEquals(task, WorkDocumentMarkdown.parse(WorkDocumentMarkdown.render(task), TaskDocument.class, "x"));
    }

    @Test
    void acceptsTheHeaderOnlyWithItsLiterals() {
        TaskDocument task = WorkDocumentJson.read(EXAMPLE, TaskDocument.class, "a");
        assertEquals(task, WorkDocumentJson.read(MillraceJson.write(task), TaskDocument.class, "b"));

        String wrongKind = EXAMPLE.replace("{", "{\"kind\":\"task\",\"schema_version\":\"2.0\",");
        MillraceException e = assertThrows(MillraceException.class,
                () -> WorkDocumentJson.read(wrongKind, TaskDocument.class, "queue/t.json"));
        assertEquals(ErrorCode.MALFORMED_DOCUMENT, e.errorCode());
        assertTrue(e.detail().startsWith("queue/t.json: ") && e.detail().contains("schema_version must be '1.0'"),
                e.detail());
    }

    @Test
    void aTaskIsNotASpec() {
        MillraceException e = assertThrows(MillraceException.class,
                () -> WorkDocumentJson.read(EXAMPLE, SpecDocument.class, "s.json"));
        assertTrue(e.detail().startsWith("s.json: cannot read spec: ") && e.detail().contains("spec_id is required"), e.detail());
    }
}
