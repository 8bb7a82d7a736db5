/**
 * A scripted, loopback-only stand-in for an OpenAI-compatible model provider: the Responses API
 * for the Codex CLI and Chat Completions for the Pi coding agent, so the real harnesses can run
 * offline in tests. Start with {@link ai.millrace.testkit.fakemodel.FakeModelServer#start()}.
 */
package ai.millrace.testkit.fakemodel;
