/**
 * Usage governance: a durable token ledger ({@link ai.millrace.core.governance.UsageLedger}) and a
 * governor ({@link ai.millrace.core.governance.UsageGovernor}) that turns the configured token and
 * subscription quota rules into the {@code usage_governance} pause source.
 *
 * <p>Off by default ({@code [usage_governance] enabled = false}). The governor only ever adds or
 * removes {@code usage_governance}; the operator's pause source is never touched, so an operator
 * resume cannot lift a governance pause.
 */
package ai.millrace.core.governance;
