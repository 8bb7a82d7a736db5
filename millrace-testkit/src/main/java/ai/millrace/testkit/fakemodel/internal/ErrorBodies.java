package ai.millrace.testkit.fakemodel.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies the fake model server answers with outside scripted replies, in the OpenAI
 * error shape {@code {"error": {"message", "type", "code"}}}.
 */
public final class ErrorBodies {
    /** The message of the default fallback reply. */
    public static final String SCRIPT_EXHAUSTED_MESSAGE =
            "fake model server: the reply script ran out (no FakeReply left for this model request; enqueue more or set a fallback)";

    private ErrorBodies() {
    }

    /**
     * The default fallback's body: the script has no reply left.
     *
     * @return the JSON text
     */
    public static String scriptExhausted() {
        return Json.write(error(SCRIPT_EXHAUSTED_MESSAGE, "server_error", "fake_script_exhausted"));
    }

    /**
     * A 404 body naming the route that does not exist.
     *
     * @param method the request method
     * @param path the request path
     * @return the body
     */
    public static ObjectNode notFound(String method, String path) {
        return error("fake model server: no route for " + method + " " + path, "invalid_request_error", "not_found");
    }

    /**
     * A 500 body with a message.
     *
     * @param message the message
     * @return the body
     */
    public static ObjectNode serverError(String message) {
        return error(message, "server_error", "server_error");
    }

    /**
     * The {@code GET /v1/models} list with one model.
     *
     * @param model the model id
     * @return the body
     */
    public static ObjectNode modelList(String model) {
        ObjectNode list = Json.object();
        list.put("object", "list");
        ObjectNode entry = list.putArray("data").addObject();
        entry.put("id", model);
        entry.put("object", "model");
        entry.put("created", 0);
        entry.put("owned_by", "millrace-testkit");
        return list;
    }

    private static ObjectNode error(String message, String type, String code) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        return body;
    }
}
