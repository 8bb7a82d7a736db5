/**
 * The Pi RPC harness: the {@code pi_rpc} {@link ai.millrace.api.spi.StageRunner}. Depends on the
 * Millrace API only.
 */
module ai.millrace.harness.pi {
    requires ai.millrace.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports ai.millrace.harness.pi;

    provides ai.millrace.api.spi.StageRunnerProvider with ai.millrace.harness.pi.PiRunnerProvider;
}
