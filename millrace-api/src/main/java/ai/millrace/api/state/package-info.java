/**
 * Durable runtime state: snapshot, active runs, recovery counters, mailbox commands, closure targets, diagnostics, events.
 */
package ai.millrace.api.state;
