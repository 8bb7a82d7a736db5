package ai.millrace.testkit.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.StageRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRunnerTest {
    @TempDir
    Path ws;

    @Test
    void recordsEveryRequestWithItsResultInOrder() {
        RecordingRunner recorder = RecordingRunner.wrap(ScriptedRunner.create());
        StageRunRequest first = Requests.of(ws, "builder", "t1");
        StageRunRequest second = Requests.of(ws, "builder", "t2");
        StageRunRequest third = Requests.of(ws, "checker", "t1");

        RunnerRawResult result = recorder.run(first);
        recorder.run(second);
        recorder.run(third);

        assertEquals(List.of(first, second, third), recorder.requests());
        assertEquals(List.of("builder", "builder", "checker"), recorder.stages());
        assertEquals(List.of("builder", "checker"), recorder.stagesFor("t1"));
        assertSame(result, recorder.runs().get(0).result());
        assertNull(recorder.runs().get(0).failure());
        assertEquals("t2", recorder.runs().get(1).workItemId());
        assertSame(third, recorder.last().request());
        assertEquals(3, recorder.count());

        recorder.clear();
        assertEquals(0, recorder.count());
        assertThrows(IllegalStateException.class, recorder::last);
    }

    @Test
    void recordsAndRethrowsWhatTheRunnerThrows() {
        IllegalStateException boom = new IllegalStateException("boom");
        ScriptedRunner scripted = ScriptedRunner.create();
        scripted.on("builder").reply(Reply.throwing(boom));
        RecordingRunner recorder = RecordingRunner.wrap(scripted);

        assertSame(boom, assertThrows(IllegalStateException.class, () -> recorder.run(Requests.of(ws, "builder", "t1"))));
        assertSame(boom, recorder.last().failure());
        assertNull(recorder.last().result());
    }

    @Test
    void delegatesIdAndClose() {
        StageRunner delegate = mock(StageRunner.class);
        when(delegate.id()).thenReturn("codex_cli");
        when(delegate.run(any())).thenReturn(null);
        RecordingRunner recorder = RecordingRunner.wrap(delegate);

        recorder.close();

        assertEquals("codex_cli", recorder.id());
        assertSame(delegate, recorder.delegate());
        verify(delegate).close();
    }

    @Test
    void recordsConcurrentCallsWithoutLosingAny() throws Exception {
        RecordingRunner recorder = RecordingRunner.wrap(ScriptedRunner.create());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RunnerRawResult>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String item = "t" + (i % 4);
                calls.add(() -> recorder.run(Requests.of(ws, "builder", item)));
            }
            for (Future<RunnerRawResult> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, recorder.count());
        assertEquals(50, recorder.stagesFor("t3").size());
    }
}
