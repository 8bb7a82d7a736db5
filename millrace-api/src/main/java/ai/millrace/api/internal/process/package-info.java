/**
 * Process-tree control shared by the harness modules. Internal: exported only to them.
 */
package ai.millrace.api.internal.process;
