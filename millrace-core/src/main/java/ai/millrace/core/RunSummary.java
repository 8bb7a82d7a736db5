package ai.millrace.core;

/**
 * What {@link MillraceRuntime#runUntilIdle()} did.
 *
 * @param stagesRun how many stages ran
 * @param reason why it stopped: {@code no_work}, {@code paused} or {@code stop_requested}
 */
public record RunSummary(int stagesRun, String reason) {
}
