/**
 * The Codex CLI harness. Depends on the Millrace API only.
 */
module ai.millrace.harness.codex {
    requires ai.millrace.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
}
