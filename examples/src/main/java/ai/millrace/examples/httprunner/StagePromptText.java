package ai.millrace.examples.httprunner;

import ai.millrace.api.run.StageRunRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The prompt {@link OpenAiHttpRunner} sends: the stage, the entrypoint and the work item inlined
 * (the model cannot read files), and the legal terminal markers it must end with.
 */
final class StagePromptText {
    /** The most characters inlined from one file. */
    static final int MAX_FILE_CHARS = 64_000;

    private StagePromptText() {
    }

    /**
     * Builds the prompt for a request.
     *
     * @param request the stage request
     * @return the prompt text
     */
    static String of(StageRunRequest request) {
        StringBuilder p = new StringBuilder();
        p.append("You are the ").append(request.stage().value()).append(" stage of a Millrace run.\n");
        p.append("Follow the stage entrypoint at ").append(request.entrypointPath()).append(":\n\n");
        p.append(inline(request.entrypointPath())).append("\n\n");
        if (request.activeWorkItemPath() != null) {
            p.append("The work item is ").append(request.activeWorkItemPath()).append(":\n\n");
            p.append(inline(request.activeWorkItemPath())).append("\n\n");
        }
        p.append("End your reply with exactly one of these lines, alone on the last line:\n");
        for (String marker : request.legalTerminalMarkers()) {
            p.append(marker).append('\n');
        }
        return p.toString();
    }

    private static String inline(String path) {
        try {
            String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            return text.length() > MAX_FILE_CHARS ? text.substring(0, MAX_FILE_CHARS) + "\n[truncated]" : text;
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
