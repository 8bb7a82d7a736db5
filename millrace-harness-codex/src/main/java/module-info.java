/**
 * The Codex CLI harness: the {@code codex_cli} {@link ai.millrace.api.spi.StageRunner}, which runs
 * each stage as one {@code codex exec --json} process. Depends on the Millrace API only.
 */
module ai.millrace.harness.codex {
    requires ai.millrace.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports ai.millrace.harness.codex;

    provides ai.millrace.api.spi.StageRunnerProvider with ai.millrace.harness.codex.CodexRunnerProvider;
}
