/**
 * Millrace's contracts and plugin SPI.
 *
 * <p>Records and enums for every file Millrace reads and writes, the stage legality registry, the
 * configuration model, and the service interfaces plugins implement. Depends on
 * {@code jackson-annotations} only, for wire names.
 */
module ai.millrace.api {
    requires transitive com.fasterxml.jackson.annotation;

    exports ai.millrace.api;
    exports ai.millrace.api.asset;
    exports ai.millrace.api.config;
    exports ai.millrace.api.plan;
    exports ai.millrace.api.run;
    exports ai.millrace.api.spi;
    exports ai.millrace.api.state;
    exports ai.millrace.api.work;

    // Process-tree control is shared by the two harness modules, and only with them.
    exports ai.millrace.api.internal.process to ai.millrace.harness.codex, ai.millrace.harness.pi;
    exports ai.millrace.api.internal.harness to ai.millrace.harness.codex, ai.millrace.harness.pi;

    // Jackson binds the records reflectively.
    opens ai.millrace.api to com.fasterxml.jackson.databind;
    opens ai.millrace.api.asset to com.fasterxml.jackson.databind;
    opens ai.millrace.api.config to com.fasterxml.jackson.databind;
    opens ai.millrace.api.plan to com.fasterxml.jackson.databind;
    opens ai.millrace.api.run to com.fasterxml.jackson.databind;
    opens ai.millrace.api.state to com.fasterxml.jackson.databind;
    opens ai.millrace.api.work to com.fasterxml.jackson.databind;

    uses ai.millrace.api.spi.StageRunnerProvider;
    uses ai.millrace.api.spi.StageKindProvider;
    uses ai.millrace.api.spi.GraphLoopProvider;
    uses ai.millrace.api.spi.ModeProvider;
    uses ai.millrace.api.spi.RuntimeListener;
}
