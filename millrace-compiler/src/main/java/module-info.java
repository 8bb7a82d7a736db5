/**
 * Millrace's compiler: modes, graph loops and stage kinds to one frozen run plan.
 */
module ai.millrace.compiler {
    requires transitive ai.millrace.api;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.module.paramnames;
    requires org.slf4j;

    exports ai.millrace.compiler;

    // The JSON codec is shared with Millrace's own modules only.
    exports ai.millrace.compiler.internal.json to ai.millrace.core, ai.millrace.testkit, ai.millrace.cli;
    exports ai.millrace.compiler.internal.io to ai.millrace.core, ai.millrace.testkit, ai.millrace.cli;

    // The built-in assets reach the compiler through the same SPI plugins use.
    provides ai.millrace.api.spi.StageKindProvider
            with ai.millrace.compiler.internal.builtin.BuiltinStageKindProvider;
    provides ai.millrace.api.spi.GraphLoopProvider
            with ai.millrace.compiler.internal.builtin.BuiltinGraphLoopProvider;
    provides ai.millrace.api.spi.ModeProvider
            with ai.millrace.compiler.internal.builtin.BuiltinModeProvider;
}
