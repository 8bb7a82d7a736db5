/**
 * Stage prompt, artifact JSON and atomic file writes shared by the harness modules. Internal:
 * exported only to them.
 */
package ai.millrace.api.internal.harness;
