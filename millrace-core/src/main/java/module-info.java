/**
 * Millrace's runtime: the workspace and its durable state, queues, the tick engine, the daemon,
 * control and governance.
 *
 * <p>The public API is {@code ai.millrace.core} (the {@link ai.millrace.core.Millrace} builder, the
 * runtime, workspace control) and the workspace, configuration and document packages. Internal
 * packages are exported only to Millrace's own testkit and CLI.
 */
module ai.millrace.core {
    requires transitive ai.millrace.api;
    requires transitive ai.millrace.compiler;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires org.slf4j;

    exports ai.millrace.core;
    exports ai.millrace.core.config;
    exports ai.millrace.core.doctor;
    exports ai.millrace.core.document;
    exports ai.millrace.core.governance;
    exports ai.millrace.core.runs;
    exports ai.millrace.core.upgrade;
    exports ai.millrace.core.workspace;

    exports ai.millrace.core.internal.closure to ai.millrace.testkit, ai.millrace.cli;
    exports ai.millrace.core.internal.control to ai.millrace.testkit, ai.millrace.cli;
    exports ai.millrace.core.internal.engine to ai.millrace.testkit, ai.millrace.cli;
    exports ai.millrace.core.internal.journal to ai.millrace.testkit, ai.millrace.cli;
    exports ai.millrace.core.internal.queue to ai.millrace.testkit, ai.millrace.cli;
    exports ai.millrace.core.internal.state to ai.millrace.testkit, ai.millrace.cli;
    exports ai.millrace.core.internal.workspace to ai.millrace.testkit, ai.millrace.cli;

    // Jackson binds the internal records persisted as JSON.
    opens ai.millrace.core.governance to com.fasterxml.jackson.databind;
    opens ai.millrace.core.internal.closure to com.fasterxml.jackson.databind;
    opens ai.millrace.core.internal.control to com.fasterxml.jackson.databind;
    opens ai.millrace.core.internal.engine to com.fasterxml.jackson.databind;
    opens ai.millrace.core.internal.journal to com.fasterxml.jackson.databind;
    opens ai.millrace.core.internal.state to com.fasterxml.jackson.databind;
    opens ai.millrace.core.internal.workspace to com.fasterxml.jackson.databind;
    opens ai.millrace.core.workspace to com.fasterxml.jackson.databind;
}
