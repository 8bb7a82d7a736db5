package ai.millrace.core.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.work.IncidentDecision;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.IncidentSeverity;
import ai.millrace.api.work.IncidentStatusHint;
import ai.millrace.api.work.LearningRequestAction;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.SpecSourceType;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.TaskStatusHint;
import ai.millrace.api.work.WorkDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkDocumentMarkdownTest {
    private static final Instant T0 = Instant.parse("2026-04-15T12:00:00Z");

    static String resource(String path) throws IOException {
        try (InputStream in = WorkDocumentMarkdownTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static TaskDocument.Builder minimalTask() {
        return TaskDocument.builder().taskId("t-1").title("Do it").createdAt(T0).createdBy("operator")
                .targetPaths(List.of("src/a")).acceptance(List.of("works")).requiredChecks(List.of("make test"))
                .references(List.of("docs/a.md")).risk(List.of("low"));
    }

    static Stream<WorkDocument> fullDocuments() {
        TaskDocument task = minimalTask().summary("A summary: with colon").rootIdeaId("idea-1").rootSpecId("spec-root")
                .specId("spec-1").parentTaskId("t-0").incidentId("inc-1").statusHint(TaskStatusHint.QUEUED)
                .updatedAt(Instant.parse("2026-04-15T12:00:00.500000Z")).dependsOn(List.of("t-a", "t-b"))
                .blocks(List.of("t-c")).tags(List.of("a, b", "c")).targetPaths(List.of("src/a", "src/b"))
                .acceptance(List.of("- nested dash", "Label: like text")).build();
        SpecDocument spec = SpecDocument.builder().specId("spec-1").title("Spec # one").summary("")
                .sourceType(SpecSourceType.DERIVED_SPEC).sourceId("idea-1").parentSpecId("spec-0").rootIdeaId("idea-1")
                .rootSpecId("spec-0").createdAt(T0).createdBy("planner").updatedAt(T0).goals(List.of("g"))
                .nonGoals(List.of("ng")).scope(List.of("s")).constraints(List.of("c")).assumptions(List.of("a"))
                .risks(List.of("r")).targetPaths(List.of("p")).entrypoints(List.of("e")).requiredSkills(List.of("k"))
                .decompositionHints(List.of("h")).acceptance(List.of("acc")).references(List.of("ref")).build();
        IncidentDocument incident = IncidentDocument.builder().incidentId("incident-t-1-0a1b2c3d").title("Builder blocked")
                .summary("It broke").rootIdeaId("idea-1").rootSpecId("spec-0").sourceTaskId("t-1").sourceSpecId("spec-1")
                .sourceStage(StageId.CONSULTANT).sourcePlane(Plane.EXECUTION).failureClass("consultant_needs_planning")
                .statusHint(IncidentStatusHint.INCOMING).severity(IncidentSeverity.HIGH).needsPlanning(false)
                .triggerReason("loop").consultantDecision(IncidentDecision.NEEDS_PLANNING).openedAt(T0).openedBy("runtime")
                .updatedAt(T0).observedSymptoms(List.of("sym")).failedAttempts(List.of("fa")).evidencePaths(List.of("ev"))
                .relatedRunIds(List.of("run-1")).relatedStageResults(List.of("runs/run-1/x.json")).references(List.of("r"))
                .build();
        LearningRequestDocument learning = LearningRequestDocument.builder().learningRequestId("learn-0123456789ab")
                .title("Learn from builder BLOCKED").summary("s").requestedAction(LearningRequestAction.IMPROVE)
                .targetSkillId("builder-core").targetStage(StageId.ANALYST)
                .triggerMetadata(Map.of("rule_id", "r1", "count", 2, "note", "x y é"))
                .createdAt(T0).createdBy("runtime").updatedAt(T0).sourceRefs(List.of("a")).preferredOutputPaths(List.of("b"))
                .originatingRunIds(List.of("run-1")).artifactPaths(List.of("c")).references(List.of("d")).build();
        return Stream.of(task, minimalTask().build(), spec, incident, learning);
    }

    @ParameterizedTest
    @MethodSource("fullDocuments")
    void renderingReadsBackEqualAsTypedAndAsInferred(WorkDocument document) {
        String markdown = WorkDocumentMarkdown.render(document);

        assertEquals(document, WorkDocumentMarkdown.parse(markdown, document.getClass(), "x.md"));
        if (!(document instanceof TaskDocument && ((TaskDocument) document).specId() != null)) {
            assertEquals(document, WorkDocumentMarkdown.parse(markdown, "x.md"));
        }
        assertTrue(markdown.endsWith("\n") && !markdown.endsWith("\n\n"), markdown);
    }

    @Test
    void readsTheTaskTheOriginalWroteAndRendersItByteForByte() throws IOException {
        String original = resource("documents/hello-task-001.md");

        TaskDocument task = WorkDocumentMarkdown.parse(original, TaskDocument.class, "hello-task-001.md");

        assertEquals("hello-task-001", task.taskId());
        assertEquals("Hello Task", task.title());
        assertEquals("Create hello.txt containing the word hello.", task.summary());
        assertEquals(T0, task.createdAt());
        assertEquals("operator", task.createdBy());
        assertEquals(List.of("hello.txt"), task.targetPaths());
        assertEquals(List.of("test -f hello.txt"), task.requiredChecks());
        assertEquals(List.of("none"), task.references(), "placeholders are dropped only from Depends-On and Blocks");
        assertEquals(original, WorkDocumentMarkdown.render(task));
    }

    @Test
    void specWithoutSummaryReadsWithEmptySummary() {
        SpecDocument spec = SpecDocument.builder().specId("s-1").title("S").sourceType(SpecSourceType.MANUAL)
                .createdAt(T0).createdBy("op").goals(List.of("g")).constraints(List.of("c")).acceptance(List.of("a"))
                .references(List.of("r")).build();

        String markdown = WorkDocumentMarkdown.render(spec);

        assertTrue(!markdown.contains("Summary"), markdown);
        assertEquals("", WorkDocumentMarkdown.parse(markdown, SpecDocument.class, "s-1.md").summary());
    }

    @Test
    void rendersScalarsInTableOrderAndOmitsDefaults() {
        IncidentDocument incident = IncidentDocument.builder().incidentId("i-1").title("T").summary("S")
                .sourceStage(StageId.BUILDER).sourcePlane(Plane.EXECUTION).failureClass("f").triggerReason("r")
                .consultantDecision(IncidentDecision.BLOCKED).openedAt(T0).openedBy("op").build();

        assertEquals("# T\n\nIncident-ID: i-1\nTitle: T\nSummary: S\nSource-Stage: builder\nSource-Plane: execution\n"
                + "Failure-Class: f\nTrigger-Reason: r\nConsultant-Decision: blocked\nOpened-At: 2026-04-15T12:00:00Z\n"
                + "Opened-By: op\n", WorkDocumentMarkdown.render(incident));
    }

    @Test
    void rendersTriggerMetadataAsCompactSortedAsciiJson() {
        LearningRequestDocument doc = LearningRequestDocument.builder().learningRequestId("l-1").title("L")
                .requestedAction(LearningRequestAction.CREATE).triggerMetadata(Map.of("b", 1, "a", "x y é"))
                .createdAt(T0).createdBy("op").build();

        assertTrue(WorkDocumentMarkdown.render(doc).contains("\nTrigger-Metadata: {\"a\":\"x y \\u00e9\",\"b\":1}\n"));
    }

    @Test
    void listParsingFollowsTheOriginalEdgeCases() {
        String text = "# T\n\nTask-ID: t-1\nCreated-At: 2026-01-01\nCreated-By: op\nTags: a, b\n"
                + "Target-Paths:\n  - indented\n\nAcceptance:\n\n- x\n\n- x2\n"
                + "Required-Checks: inline\n- ignored as body\nReferences:\n- r\nRisk:\n- low\n"
                + "Depends-On:\n- None\n- n/a\n- -\n- t-0\nBlocks: none\n";

        TaskDocument task = WorkDocumentMarkdown.parse(text, TaskDocument.class, "t-1.md");

        assertEquals(List.of("a, b"), task.tags(), "no comma splitting");
        assertEquals(List.of("indented"), task.targetPaths());
        assertEquals(List.of("x"), task.acceptance(), "a blank line after an item ends the list");
        assertEquals(List.of("inline"), task.requiredChecks());
        assertEquals(List.of("t-0"), task.dependsOn());
        assertEquals(List.of(), task.blocks());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), task.createdAt(), "a date alone is midnight");
    }

    @Test
    void unknownLabelSwallowsFollowingLinesUntilTheNextField() {
        String text = "# T\n\nNote: a remark\n- Acceptance-like item\nfree text\nTask-ID: t-1\nCreated-At: 2026-01-01T00:00:00Z\n"
                + "Created-By: op\nTarget-Paths: p\nAcceptance: a\nRequired-Checks: c\nReferences: r\nRisk: low\n"
                + "\nSome body text that: is ignored\n";

        TaskDocument task = WorkDocumentMarkdown.parse(text, TaskDocument.class, "t-1.md");

        assertEquals("t-1", task.taskId());
    }

    @Test
    void emptyScalarIsAbsent() {
        String text = minimalMarkdown().replace("Created-By: op\n", "Created-By: op\nSummary:\n\n");

        assertEquals("", WorkDocumentMarkdown.parse(text, TaskDocument.class, "t.md").summary());
    }

    static String minimalMarkdown() {
        return WorkDocumentMarkdown.render(minimalTask().createdBy("op").build());
    }

    static MillraceException parseError(String text) {
        return assertThrows(MillraceException.class, () -> WorkDocumentMarkdown.parse(text, TaskDocument.class, "tasks/queue/t-1.md"));
    }

    @Test
    void errorsNameTheDocumentTheLineAndTheFix() {
        MillraceException repeated = parseError(minimalMarkdown().replace("Created-By: op\n", "Created-By: op\nCreated-By: again\n"));
        assertEquals(ErrorCode.MALFORMED_DOCUMENT, repeated.errorCode());
        assertEquals("work document tasks/queue/t-1.md repeats field `Created-By` (line 7); it was first given on line 6;"
                + " keep only one `Created-By:`", repeated.detail());

        MillraceException underScalar = parseError(minimalMarkdown().replace("Created-By: op\n", "Created-By: op\nSummary:\n\n- x\n"));
        assertTrue(underScalar.detail().contains("has list item under scalar field `Summary` (line 9)"), underScalar.detail());

        MillraceException prose = parseError(minimalMarkdown().replace("- works\n", "- works\nprose right after\n"));
        assertTrue(prose.detail().contains("has invalid list item under `Acceptance` (line 13)"), prose.detail());

        MillraceException star = parseError(minimalMarkdown().replace("- works\n", "* works\n"));
        assertTrue(star.detail().contains("has invalid list item under `Acceptance`"), star.detail());

        MillraceException title = parseError(minimalMarkdown().replace("Title: Do it", "Title: Other"));
        assertTrue(title.detail().contains("markdown H1 title must match the `Title` field (line 4)"), title.detail());

        MillraceException empty = parseError("");
        assertTrue(empty.detail().startsWith("work document tasks/queue/t-1.md is empty"), empty.detail());

        MillraceException noH1 = parseError("\n# T\n");
        assertTrue(noH1.detail().contains("must start with a markdown H1 title (line 1)"), noH1.detail());
        MillraceException h2 = parseError("## T\n");
        assertTrue(h2.detail().contains("must start with a markdown H1 title"), h2.detail());
        MillraceException bom = parseError("\uFEFF# T\n");
        assertTrue(bom.detail().contains("byte-order mark"), bom.detail());
    }

    @Test
    void validationErrorsNameTheLabelAndLine() {
        MillraceException unsafe = parseError(minimalMarkdown().replace("Task-ID: t-1", "Task-ID: ../x"));
        assertTrue(unsafe.detail().contains("has an invalid `Task-ID`") && unsafe.detail().contains("(line 3)")
                && unsafe.detail().contains("../x"), unsafe.detail());

        MillraceException hint = parseError(minimalMarkdown().replace("Created-By: op\n", "Created-By: op\nStatus-Hint: queue\n"));
        assertTrue(hint.detail().contains("`Status-Hint`") && hint.detail().contains("(line 7)")
                && hint.detail().contains("queued"), hint.detail());

        MillraceException date = parseError(minimalMarkdown().replace("Created-At: 2026-04-15T12:00:00Z", "Created-At: yesterday"));
        assertTrue(date.detail().contains("`Created-At`") && date.detail().contains("(line 5)"), date.detail());

        MillraceException missingList = parseError(minimalMarkdown().replace("Risk:\n- low\n", ""));
        assertTrue(missingList.detail().contains("is missing `Risk`")
                && missingList.detail().contains("at least one `- item`"), missingList.detail());

        MillraceException missingScalar = parseError(minimalMarkdown().replace("Created-By: op\n", ""));
        assertTrue(missingScalar.detail().contains("is missing `Created-By`"), missingScalar.detail());

        MillraceException foreign = parseError(minimalMarkdown().replace("Created-By: op\n", "Created-By: op\nSeverity: high\n"));
        assertTrue(foreign.detail().contains("has field `Severity`, which a task document does not allow (line 7)"),
                foreign.detail());
    }

    @Test
    void genericParseNeedsExactlyOneIdLabel() {
        String withSpecId = minimalMarkdown().replace("Created-By: op\n", "Created-By: op\nSpec-ID: s-1\n");
        MillraceException mixed = assertThrows(MillraceException.class, () -> WorkDocumentMarkdown.parse(withSpecId, "t.md"));
        assertTrue(mixed.detail().contains("mixes multiple document identifier fields"), mixed.detail());
        assertEquals("s-1", WorkDocumentMarkdown.parse(withSpecId, TaskDocument.class, "t.md").specId());

        MillraceException none = assertThrows(MillraceException.class, () -> WorkDocumentMarkdown.parse("# T\n\nTitle: T\n", null));
        assertTrue(none.detail().startsWith("work document <memory> must include one canonical document identifier"),
                none.detail());

        assertInstanceOf(TaskDocument.class, WorkDocumentMarkdown.parse(minimalMarkdown(), "t.md"));
    }

    @Test
    void invalidTriggerMetadataNamesTheLine() {
        String text = "# L\n\nLearning-Request-ID: l-1\nRequested-Action: create\nTrigger-Metadata: [1]\n"
                + "Created-At: 2026-01-01T00:00:00Z\nCreated-By: op\n";
        MillraceException e = assertThrows(MillraceException.class,
                () -> WorkDocumentMarkdown.parse(text, LearningRequestDocument.class, "l-1.md"));
        assertTrue(e.detail().contains("invalid `Trigger-Metadata` (line 5)"), e.detail());
    }

    @Test
    void renderRefusesValuesThatWouldNotReadBack() {
        ContractViolationException multiLine = assertThrows(ContractViolationException.class,
                () -> WorkDocumentMarkdown.render(minimalTask().summary("one\nTask-ID: injected").build()));
        assertTrue(multiLine.detail().contains("task t-1") && multiLine.detail().contains("`Summary` contains a line break"),
                multiLine.detail());

        ContractViolationException item = assertThrows(ContractViolationException.class,
                () -> WorkDocumentMarkdown.render(minimalTask().acceptance(List.of("a\u2028b")).build()));
        assertTrue(item.detail().contains("`Acceptance` contains a line break"), item.detail());

        ContractViolationException padded = assertThrows(ContractViolationException.class,
                () -> WorkDocumentMarkdown.render(minimalTask().title(" padded").build()));
        assertTrue(padded.detail().contains("`Title` has leading or trailing whitespace"), padded.detail());

        ContractViolationException placeholder = assertThrows(ContractViolationException.class,
                () -> WorkDocumentMarkdown.render(minimalTask().dependsOn(List.of("none")).build()));
        assertTrue(placeholder.detail().contains("`Depends-On` has the placeholder item 'none'"), placeholder.detail());
    }

    @Test
    void flattenLineJoinsFreeTextIntoOneRenderableLine() {
        String flat = WorkDocumentMarkdown.flattenLine("  first line\r\n\tsecond\u2028third  ");
        assertEquals("first line second third", flat);

        TaskDocument task = minimalTask().summary(flat).build();
        assertEquals(task, WorkDocumentMarkdown.parse(WorkDocumentMarkdown.render(task), TaskDocument.class, "t.md"));
    }
}
