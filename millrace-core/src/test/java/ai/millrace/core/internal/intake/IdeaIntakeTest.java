package ai.millrace.core.internal.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.SpecSourceType;
import ai.millrace.core.internal.closure.ClosureTestSupport;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdeaIntakeTest {
    @TempDir
    Path root;
    Fixtures.Env env;
    IdeaIntake intake;

    @BeforeEach
    void setUp() {
        env = ClosureTestSupport.workspace(root, Fixtures.CLOCK);
        intake = new IdeaIntake(env.queues(), Fixtures.CLOCK);
    }

    private static List<String> types(List<RuntimeEvent> events) {
        return events.stream().map(RuntimeEvent::eventType).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"foo.md, idea-foo", "idea-foo.md, idea-foo", "My big idea!.md, idea-My-big-idea", "--.md, idea-idea",
        "idea.md, idea-idea", ".hidden.md, idea-hidden", "v1.2 plan.md, idea-v1.2-plan"})
    void specIdsFollowTheNormalisationRule(String file, String id) {
        assertEquals(id, IdeaNormalizer.specId(file));
    }

    @Test
    void titleAndSummaryFollowTheRules() {
        assertEquals("Alpha", IdeaNormalizer.title("\nintro line\n## Alpha  \nBody text\n", "stem"));
        assertEquals("intro line", IdeaNormalizer.summary("\nintro line\n## Alpha  \nBody text\n", "Alpha", "stem"));
        assertEquals("plain first", IdeaNormalizer.title("plain first\nsecond\n", "stem"));
        assertEquals("second", IdeaNormalizer.summary("plain first\nsecond\n", "plain first", "stem"));
        assertEquals("stem", IdeaNormalizer.title("  \n", "stem"));
        assertEquals("Idea captured from stem", IdeaNormalizer.summary("# Only\n", "Only", "stem"));
    }

    @Test
    void anIdeaBecomesARootSpecExactlyOnce() {
        Fixtures.write(env.paths().ideasInboxDir().resolve("Faster builds.md"), "# Faster builds\n\nCache the jars.\n");

        IdeaIntake.Poll first = intake.poll();
        ClosureTestSupport.commit(env, first.steps());

        assertEquals(List.of("idea-Faster-builds"), first.specIds());
        assertEquals(List.of("idea_normalized_to_spec"), types(first.events()));
        SpecDocument spec = (SpecDocument) env.queues().read(WorkItemKind.SPEC, QueueState.QUEUED, "idea-Faster-builds")
                .orElseThrow();
        assertEquals("Faster builds", spec.title());
        assertEquals("Cache the jars.", spec.summary());
        assertEquals(SpecSourceType.IDEA, spec.sourceType());
        assertEquals("idea-Faster-builds", spec.sourceId());
        assertEquals("idea-Faster-builds", spec.rootIdeaId());
        assertEquals("idea-Faster-builds", spec.rootSpecId());
        assertEquals(List.of("Cache the jars."), spec.goals());
        assertEquals(List.of("generated from ideas/inbox watcher event"), spec.constraints());
        assertEquals(List.of("planner processes this idea-derived spec"), spec.acceptance());
        assertEquals(List.of("ideas/inbox/Faster builds.md"), spec.references());
        assertEquals("watcher", spec.createdBy());
        assertEquals(Fixtures.T0, spec.createdAt());
        assertTrue(Files.exists(env.paths().ideasInboxDir().resolve("Faster builds.md")), "the idea stays in place");

        IdeaIntake.Poll unchanged = intake.poll();
        assertTrue(unchanged.steps().isEmpty() && unchanged.events().isEmpty(), "nothing changed, nothing read");

        env.queues().move(WorkItemKind.SPEC, "idea-Faster-builds", QueueState.QUEUED, QueueState.DONE, null);
        intake.reset();
        IdeaIntake.Poll again = intake.poll();
        assertTrue(again.steps().isEmpty());
        assertEquals(List.of("idea_normalization_skipped"), types(again.events()));
        assertEquals("already_represented", again.events().get(0).data().get("reason"));
    }

    @Test
    void twoFilesForTheSameIdInOnePollMakeOneSpec() {
        Fixtures.write(env.paths().ideasInboxDir().resolve("foo.md"), "# Foo\n");
        Fixtures.write(env.paths().ideasInboxDir().resolve("idea-foo.md"), "# Foo again\n");

        IdeaIntake.Poll poll = intake.poll();

        assertEquals(List.of("idea-foo"), poll.specIds());
        assertEquals(List.of("idea_normalized_to_spec", "idea_normalization_skipped"), types(poll.events()));
        ClosureTestSupport.commit(env, poll.steps());
    }

    @Test
    void aMalformedIdeaIsReportedAndKept() throws Exception {
        Path bad = env.paths().ideasInboxDir().resolve("broken.md");
        Files.createDirectories(bad.getParent());
        Files.write(bad, new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        IdeaIntake.Poll poll = intake.poll();

        assertTrue(poll.steps().isEmpty());
        assertEquals(List.of("idea_normalization_failed"), types(poll.events()));
        assertEquals("ideas/inbox/broken.md", poll.events().get(0).data().get("idea_path"));
        assertTrue(Files.exists(bad));
        assertTrue(intake.poll().events().isEmpty(), "reported once per version of the file");
        Files.writeString(bad, "# Fixed\n");
        assertEquals(List.of("idea-broken"), intake.poll().specIds());
    }
}
