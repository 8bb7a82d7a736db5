/**
 * A harness plugin that calls an OpenAI-compatible Chat Completions endpoint over HTTP: the
 * {@code openai_http} runner, found through {@code META-INF/services}.
 */
package ai.millrace.examples.httprunner;
