/**
 * The Pi RPC harness. Depends on the Millrace API only.
 */
module ai.millrace.harness.pi {
    requires ai.millrace.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
}
