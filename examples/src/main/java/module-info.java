/**
 * Millrace examples: embedding the runtime ({@code ai.millrace.examples.embed}) and a harness
 * plugin over HTTP ({@code ai.millrace.examples.httprunner}).
 */
module ai.millrace.examples {
    requires ai.millrace.core;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;

    exports ai.millrace.examples.embed;
    exports ai.millrace.examples.httprunner;

    provides ai.millrace.api.spi.StageRunnerProvider with ai.millrace.examples.httprunner.OpenAiHttpRunnerProvider;
}
