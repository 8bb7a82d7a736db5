/**
 * Millrace's compiler: modes, graph loops and stage kinds to one frozen run plan.
 */
module ai.millrace.compiler {
    requires transitive ai.millrace.api;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.module.paramnames;
    requires org.slf4j;

    // The JSON codec is shared with Millrace's own modules only.
    exports ai.millrace.compiler.internal.json to ai.millrace.core, ai.millrace.testkit, ai.millrace.cli;
    exports ai.millrace.compiler.internal.io to ai.millrace.core, ai.millrace.testkit, ai.millrace.cli;
}
