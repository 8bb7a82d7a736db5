package ai.millrace.core.engine;

import ai.millrace.api.run.StageRunRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A per-stage script for {@link ScriptRunner}: each stage answers from its own queue of answers,
 * then with its success marker (the first legal one) once the queue is empty. An answer is the
 * runner's final message, or a function of the request (to write files, or to throw).
 */
final class Scripts implements Function<StageRunRequest, String> {
    private final Map<String, Deque<Function<StageRunRequest, String>>> answers = new HashMap<>();

    /** Queues fixed final messages for a stage. */
    Scripts on(String stage, String... messages) {
        for (String m : messages) {
            then(stage, r -> m);
        }
        return this;
    }

    /** Queues a computed answer for a stage. */
    synchronized Scripts then(String stage, Function<StageRunRequest, String> answer) {
        answers.computeIfAbsent(stage, s -> new ArrayDeque<>()).add(answer);
        return this;
    }

    /** Makes the next run of a stage throw. */
    Scripts throwing(String stage, String message) {
        return then(stage, r -> {
            throw new IllegalStateException(message);
        });
    }

    @Override
    public String apply(StageRunRequest request) {
        Function<StageRunRequest, String> next;
        synchronized (this) {
            Deque<Function<StageRunRequest, String>> queue = answers.get(request.stage().value());
            next = queue == null ? null : queue.poll();
        }
        return next != null ? next.apply(request) : request.legalTerminalMarkers().get(0);
    }
}
