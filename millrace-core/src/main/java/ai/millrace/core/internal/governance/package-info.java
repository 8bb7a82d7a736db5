/**
 * Internals of usage governance: the in-memory window index rebuilt once from the ledger, the
 * ledger line reader and the calendar helpers. Not an API.
 */
package ai.millrace.core.internal.governance;
