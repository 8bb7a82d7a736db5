/**
 * Crash-consistent multi-file transitions: an fsynced intent journal, idempotent steps, replay at
 * start-up, and the reconciliation that makes the queue folders and the snapshot agree.
 */
package ai.millrace.core.internal.journal;
