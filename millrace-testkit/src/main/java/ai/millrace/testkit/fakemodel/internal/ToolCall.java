package ai.millrace.testkit.fakemodel.internal;

import ai.millrace.testkit.fakemodel.FakeReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The name and JSON arguments of one tool call as it goes on the wire.
 *
 * @param name the tool name
 * @param arguments the arguments as JSON text
 */
public record ToolCall(String name, String arguments) {

    /**
     * Resolves the tool call a reply makes for one request. A {@link FakeReply.Kind#TOOL_CALL}
     * passes through; a {@link FakeReply.Kind#SHELL_COMMAND} picks the shell tool the request
     * offers ({@code exec_command}, then {@code bash}, then {@code shell}), or the API's usual one.
     *
     * @param reply a tool-call or shell-command reply
     * @param api the API the request came on
     * @param request the request body, possibly a missing node
     * @return the call to render
     */
    public static ToolCall resolve(FakeReply reply, Api api, JsonNode request) {
        if (reply.kind() == FakeReply.Kind.TOOL_CALL) {
            return new ToolCall(reply.toolName(), reply.arguments());
        }
        Set<String> offered = offeredTools(request);
        String command = reply.text();
        String name;
        if (offered.contains("exec_command")) {
            name = "exec_command";
        } else if (offered.contains("bash")) {
            name = "bash";
        } else if (offered.contains("shell")) {
            name = "shell";
        } else {
            name = api == Api.RESPONSES ? "exec_command" : "bash";
        }
        ObjectNode args = Json.object();
        switch (name) {
            case "exec_command":
                args.put("cmd", command);
                break;
            case "shell":
                args.putArray("command").add("bash").add("-lc").add(command);
                break;
            default:
                args.put("command", command);
                break;
        }
        return new ToolCall(name, Json.write(args));
    }

    private static Set<String> offeredTools(JsonNode request) {
        Set<String> names = new HashSet<>();
        for (JsonNode tool : request.path("tools")) {
            // Responses API tools carry the name at the top; Chat Completions tools under "function".
            String name = tool.path("name").asText(tool.path("function").path("name").asText(""));
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
