package ai.millrace.testkit.runner;

import ai.millrace.testkit.runner.internal.ScriptRule;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Says what one stage of a {@link ScriptedRunner} answers, narrowed to a work item and an attempt
 * when needed: {@code runner.on("checker").forItem("t1").attempt(1).reply("FIX_NEEDED")}.
 *
 * <p>An attempt is the n-th time the stage runs for one work item (1-based), so
 * {@code on("troubleshooter").replies("BLOCKED", "BLOCKED")} makes the first two troubleshooter
 * runs of every item blocked. Not thread-safe (use it on the test thread); the rule it adds is
 * published to the runner safely.
 */
public final class StageScript {
    private final String stage;
    private final Consumer<ScriptRule> sink;
    private final ScriptedRunner runner;
    private String workItemId;
    private int attempt;

    StageScript(String stage, ScriptedRunner runner, Consumer<ScriptRule> sink) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.runner = runner;
        this.sink = sink;
    }

    /**
     * Applies the answer only to one work item.
     *
     * @param id the work item id (task, spec, incident or learning request id), never null
     * @return this script
     */
    public StageScript forItem(String id) {
        this.workItemId = Objects.requireNonNull(id, "id");
        return this;
    }

    /**
     * Applies the answer only to the n-th run of the stage for an item.
     *
     * @param n the attempt, at least 1
     * @return this script
     */
    public StageScript attempt(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("attempts count from 1 (got " + n + ")");
        }
        this.attempt = n;
        return this;
    }

    /**
     * Answers a terminal result, such as {@code "FIX_NEEDED"}.
     *
     * @param result the result token
     * @return the runner, to script the next stage
     */
    public ScriptedRunner reply(String result) {
        return reply(Reply.result(result));
    }

    /**
     * Answers with a reply.
     *
     * @param reply the reply, never null
     * @return the runner, to script the next stage
     */
    public ScriptedRunner reply(Reply reply) {
        Objects.requireNonNull(reply, "reply");
        return replyWith(call -> reply);
    }

    /**
     * Answers with a reply computed from the call (the request, the attempt, the workspace).
     *
     * @param replies computes the reply; must not return null; runs on the runtime's thread
     * @return the runner, to script the next stage
     */
    public ScriptedRunner replyWith(Function<StageCall, Reply> replies) {
        sink.accept(new ScriptRule(stage, workItemId, attempt, Objects.requireNonNull(replies, "replies")));
        return runner;
    }

    /**
     * Answers these results on consecutive attempts, starting at {@link #attempt(int)} (or 1);
     * later attempts fall back to other rules or the default.
     *
     * @param results the result tokens
     * @return the runner, to script the next stage
     */
    public ScriptedRunner replies(String... results) {
        Reply[] replies = new Reply[results.length];
        for (int i = 0; i < results.length; i++) {
            replies[i] = Reply.result(results[i]);
        }
        return replies(replies);
    }

    /**
     * Answers these replies on consecutive attempts, starting at {@link #attempt(int)} (or 1).
     *
     * @param replies the replies, none null
     * @return the runner, to script the next stage
     */
    public ScriptedRunner replies(Reply... replies) {
        int first = attempt == 0 ? 1 : attempt;
        for (int i = 0; i < replies.length; i++) {
            Reply r = Objects.requireNonNull(replies[i], "reply");
            sink.accept(new ScriptRule(stage, workItemId, first + i, call -> r));
        }
        return runner;
    }
}
