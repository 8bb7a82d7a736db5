package ai.millrace.testkit.fakemodel.internal;

/**
 * The two model APIs the fake server speaks.
 */
public enum Api {
    /** OpenAI Responses API, {@code POST /v1/responses} (Codex). */
    RESPONSES,
    /** OpenAI Chat Completions, {@code POST /v1/chat/completions} (Pi). */
    CHAT_COMPLETIONS
}
