package ai.millrace.harness.pi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fake {@code pi} executable: a POSIX sh script with a {@code while read} loop that speaks
 * Pi's RPC protocol. It records its arguments ({@code args.txt}), environment ({@code env.txt}),
 * every command line it reads ({@code commands.log}) and its pid ({@code pi.pid}) next to itself,
 * and answers each command type with a scripted shell snippet.
 */
final class FakePi {
    private final Path dir;
    private final Map<String, String> handlers = new LinkedHashMap<>();
    private String preamble = "";
    private String onEof = "exit 0";

    private FakePi(Path dir) {
        this.dir = dir;
        handlers.put("set_auto_retry", respond("auto-retry-1", "set_auto_retry", null));
        handlers.put("prompt", respond("prompt-1", "prompt", null) + lines(textRun("Done.\n\n### BUILDER_COMPLETE")));
        handlers.put("get_last_assistant_text",
                respond("last-assistant-1", "get_last_assistant_text", "{\"text\":\"Done.\\n\\n### BUILDER_COMPLETE\"}"));
        handlers.put("get_session_stats", respond("session-stats-1", "get_session_stats", stats(632, 13, 0, 0)));
        handlers.put("abort", respond("abort-1", "abort", null));
    }

    static FakePi in(Path dir) {
        return new FakePi(dir);
    }

    FakePi on(String commandType, String shell) {
        handlers.put(commandType, shell);
        return this;
    }

    FakePi preamble(String shell) {
        this.preamble = shell;
        return this;
    }

    FakePi onEof(String shell) {
        this.onEof = shell;
        return this;
    }

    Path dir() {
        return dir;
    }

    Path write() throws IOException {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        s.append("D=").append(quote(dir.toString())).append('\n');
        s.append("echo $$ > \"$D/pi.pid\"\n");
        s.append("printf '%s\\n' \"$@\" > \"$D/args.txt\"\n");
        s.append("env > \"$D/env.txt\"\n");
        s.append(preamble).append('\n');
        s.append("while IFS= read -r line; do\n");
        s.append("  printf '%s\\n' \"$line\" >> \"$D/commands.log\"\n");
        s.append("  case \"$line\" in\n");
        handlers.forEach((type, shell) -> s.append("    *'\"type\":\"").append(type).append("\"'*)\n")
                .append(shell).append("\n      ;;\n"));
        s.append("  esac\ndone\n");
        s.append(onEof).append('\n');
        Path script = dir.resolve("pi");
        Files.writeString(script, s.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    List<String> commands() throws IOException {
        Path log = dir.resolve("commands.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    List<String> args() throws IOException {
        return Files.readAllLines(dir.resolve("args.txt"), StandardCharsets.UTF_8);
    }

    long pid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("pi.pid")).strip());
    }

    // ---- shell building blocks ----

    static String emit(String jsonLine) {
        return "printf '%s\\n' " + quote(jsonLine) + "\n";
    }

    static String lines(List<String> jsonLines) {
        StringBuilder s = new StringBuilder();
        jsonLines.forEach(l -> s.append(emit(l)));
        return s.toString();
    }

    static String respond(String id, String command, String dataJson) {
        return emit("{\"id\":\"" + id + "\",\"type\":\"response\",\"command\":\"" + command + "\",\"success\":true"
                + (dataJson == null ? "" : ",\"data\":" + dataJson) + "}");
    }

    static String reject(String id, String command, String error) {
        return emit("{\"id\":\"" + id + "\",\"type\":\"response\",\"command\":\"" + command
                + "\",\"success\":false,\"error\":\"" + error + "\"}");
    }

    static String stats(long input, long output, long cacheRead, long cacheWrite) {
        return "{\"sessionId\":\"s-1\",\"userMessages\":1,\"assistantMessages\":1,\"tokens\":{\"input\":" + input
                + ",\"output\":" + output + ",\"cacheRead\":" + cacheRead + ",\"cacheWrite\":" + cacheWrite
                + ",\"total\":" + (input + output + cacheRead + cacheWrite) + "},\"cost\":0}";
    }

    /** The events of a successful text reply, shaped like Pi 0.73.1's. */
    static List<String> textRun(String text) {
        String t = jsonString(text);
        String assistant = "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":" + t
                + "}],\"usage\":{\"input\":632,\"output\":13,\"cacheRead\":0,\"cacheWrite\":0,\"totalTokens\":645},"
                + "\"stopReason\":\"stop\"}";
        List<String> events = new ArrayList<>(List.of(
                "{\"type\":\"agent_start\"}",
                "{\"type\":\"turn_start\"}",
                "{\"type\":\"message_start\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"go\"}]}}",
                "{\"type\":\"message_end\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"go\"}]}}",
                "{\"type\":\"message_start\",\"message\":{\"role\":\"assistant\",\"content\":[],\"stopReason\":\"stop\"}}",
                "{\"type\":\"message_update\",\"assistantMessageEvent\":{\"type\":\"text_delta\",\"delta\":\"x\",\"partial\":"
                        + assistant + "}}",
                "{\"type\":\"message_end\",\"message\":" + assistant + "}",
                "{\"type\":\"turn_end\",\"message\":" + assistant + ",\"toolResults\":[]}"));
        events.add("{\"type\":\"agent_end\",\"messages\":[{\"role\":\"user\",\"content\":[]}," + assistant + "]}");
        return events;
    }

    /** The events of a run whose provider call failed, shaped like Pi 0.73.1's for an HTTP 400. */
    static List<String> errorRun(String errorMessage) {
        String assistant = "{\"role\":\"assistant\",\"content\":[],\"usage\":{\"input\":0,\"output\":0,\"cacheRead\":0,"
                + "\"cacheWrite\":0,\"totalTokens\":0},\"stopReason\":\"error\",\"errorMessage\":"
                + jsonString(errorMessage) + "}";
        return List.of(
                "{\"type\":\"agent_start\"}",
                "{\"type\":\"turn_start\"}",
                "{\"type\":\"message_start\",\"message\":" + assistant + "}",
                "{\"type\":\"message_end\",\"message\":" + assistant + "}",
                "{\"type\":\"turn_end\",\"message\":" + assistant + ",\"toolResults\":[]}",
                "{\"type\":\"agent_end\",\"messages\":[{\"role\":\"user\",\"content\":[]}," + assistant + "]}");
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                default: out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
