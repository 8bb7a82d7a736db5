package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueCommandTest {
    static final String TASK = "# Hello Task\n\nTask-ID: hello-task-001\nTitle: Hello Task\n"
            + "Summary: Create hello.txt containing the word hello.\nCreated-At: 2026-04-15T12:00:00Z\n"
            + "Created-By: operator\n\nTarget-Paths:\n- hello.txt\n\nAcceptance:\n- hello.txt exists and contains hello\n\n"
            + "Required-Checks:\n- test -f hello.txt\n\nReferences:\n- none\n\nRisk:\n- low\n";
    static final String SPEC = "# Greeting\n\nSpec-ID: spec-greet\nTitle: Greeting\nSummary: Greet people.\n"
            + "Source-Type: manual\nCreated-At: 2026-04-15T12:00:00Z\nCreated-By: operator\n\nGoals:\n- greet\n\n"
            + "Constraints:\n- be brief\n\nAcceptance:\n- a greeting exists\n\nReferences:\n- none\n";

    @TempDir
    Path tmp;

    final Cli cli = new Cli();
    Path w;

    @BeforeEach
    void init() {
        w = tmp.resolve("ws");
        assertEquals(0, cli.run("init", "--workspace", w.toString()).code());
    }

    @Test
    void lsOnAFreshWorkspacePrintsZerosInTheOriginalsOrder() {
        Cli.Result r = cli.run("queue", "ls", "--workspace", w.toString());
        assertEquals("execution_queue_depth: 0\nplanning_queue_depth: 0\nlearning_queue_depth: 0\nexecution_active: 0\n"
                + "planning_active: 0\nlearning_active: 0\nactive_task_count: 0\nactive_spec_count: 0\n"
                + "active_incident_count: 0\nactive_learning_request_count: 0\n", r.out());
        assertEquals(0, cli.run("queue", "ls", "--workspace", w.toString(), "--json").json()
                .get("execution_queue_depth").asInt());
    }

    @Test
    void addTaskQueuesTheDocumentAndRefusesADuplicate() throws Exception {
        Path file = Files.writeString(tmp.resolve("task-hello.md"), TASK);
        Cli.Result r = cli.run("queue", "add-task", file.toString(), "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        Path queued = w.resolve("millrace-agents/tasks/queue/hello-task-001.md");
        assertEquals("enqueued_task: " + queued + "\n", r.out());
        assertTrue(Files.isRegularFile(queued));
        assertEquals("1", cli.run("queue", "ls", "--workspace", w.toString()).get("execution_queue_depth"));

        Cli.Result dup = cli.run("add-task", file.toString(), "--workspace", w.toString());
        assertEquals(1, dup.code(), dup.toString());
        assertTrue(dup.err().startsWith("error: failed to add task: "), dup.err());
        assertTrue(dup.err().contains("hello-task-001"), dup.err());
    }

    @Test
    void addTaskChecksTheFileBeforeAnything() throws Exception {
        Path txt = Files.writeString(tmp.resolve("task.txt"), TASK);
        Cli.Result bad = cli.run("queue", "add-task", txt.toString(), "--workspace", w.toString());
        assertEquals(1, bad.code());
        assertEquals("error: task import path must end with .md or .json\n", bad.err());
        assertEquals(2, cli.run("queue", "add-task", tmp.resolve("missing.md").toString(), "--workspace", w.toString()).code());
        assertEquals(2, cli.run("queue", "add-task", "--workspace", w.toString()).code());
        Path broken = Files.writeString(tmp.resolve("broken.md"), "# Broken\n\nTask-ID: x\n");
        Cli.Result r = cli.run("queue", "add-task", broken.toString(), "--workspace", w.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: failed to add task: "), r.err());
        assertEquals(1, cli.run("queue", "add-task", txt.toString(), "--workspace", tmp.resolve("no").toString()).code());
    }

    @Test
    void addSpecFromMarkdownAndShowFindsIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("spec.md"), SPEC);
        Cli.Result r = cli.run("add-spec", file.toString(), "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("enqueued_spec: " + w.resolve("millrace-agents/specs/queue/spec-greet.md") + "\n", r.out());
        Cli.Result show = cli.run("queue", "show", "spec-greet", "--workspace", w.toString());
        assertEquals("spec", show.get("work_item_kind"));
        assertEquals("queue", show.get("work_item_state"));
        assertEquals("Greeting", show.get("title"));
        assertEquals("spec", cli.run("queue", "show", "spec-greet", "--json", "--workspace", w.toString()).json()
                .get("work_item_kind").asText());
    }

    @Test
    void addTaskFromJson() throws Exception {
        Path file = Files.writeString(tmp.resolve("task.json"), "{\"task_id\":\"json-task\",\"title\":\"From JSON\","
                + "\"created_at\":\"2026-04-15T12:00:00Z\",\"created_by\":\"operator\",\"target_paths\":[\"a\"],"
                + "\"acceptance\":[\"b\"],\"required_checks\":[\"c\"],\"references\":[\"d\"],\"risk\":[\"low\"]}");
        Cli.Result r = cli.run("queue", "add-task", file.toString(), "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.isRegularFile(w.resolve("millrace-agents/tasks/queue/json-task.md")));
    }

    @Test
    void addIdeaStagesTheFileInTheInbox() throws Exception {
        Path file = Files.writeString(tmp.resolve("my-idea.md"), "# An idea\n\nDo something.\n");
        Cli.Result r = cli.run("queue", "add-idea", file.toString(), "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("enqueued_idea: " + w.resolve("ideas/inbox/my-idea.md") + "\n", r.out());
        assertEquals("# An idea\n\nDo something.\n", Files.readString(w.resolve("ideas/inbox/my-idea.md")));
        Path badName = Files.writeString(tmp.resolve("bad name.md"), "x");
        Cli.Result bad = cli.run("add-idea", badName.toString(), "--workspace", w.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("error: failed to add idea: "), bad.err());
        Path blank = Files.writeString(tmp.resolve("blank.md"), "  \n");
        assertEquals(1, cli.run("add-idea", blank.toString(), "--workspace", w.toString()).code());
    }

    @Test
    void showRejectsBadAndUnknownIds() {
        Cli.Result unknown = cli.run("queue", "show", "nope", "--workspace", w.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("error: work item not found: nope\n"), unknown.err());
        Cli.Result invalid = cli.run("queue", "show", "../etc", "--workspace", w.toString());
        assertEquals(1, invalid.code());
        assertEquals("error: invalid work item id: ../etc\n", invalid.err());
    }

    @Test
    void repairLineageNeedsAClosureTarget() {
        Cli.Result r = cli.run("queue", "repair-lineage", "--root-spec-id", "x", "--workspace", w.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("error: failed to repair lineage: "), r.err());
        assertEquals(2, cli.run("queue", "repair-lineage", "--workspace", w.toString()).code(),
                "--root-spec-id is required");
    }

    @Test
    void everyQueueCommandRefusesAnUninitializedWorkspace() {
        String other = tmp.resolve("other").toString();
        for (String[] args : new String[][] {{"queue", "ls"}, {"queue", "show", "x"}, {"queue", "add-idea", "x.md"},
                {"queue", "repair-lineage"}}) {
            String[] full = java.util.Arrays.copyOf(args, args.length + 2);
            full[args.length] = "--workspace";
            full[args.length + 1] = other;
            Cli.Result r = cli.run(full);
            assertTrue(r.err().startsWith("error: workspace is not initialized: ") || r.code() == 2, r.toString());
        }
        assertEquals(1, cli.run("queue", "ls", "--workspace", other).code());
    }

    @Test
    void queueWithoutSubcommandShowsItsHelpAsAUsageError() {
        Cli.Result r = cli.run("queue");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: millrace queue"), r.err());
    }
}
