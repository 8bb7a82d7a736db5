/**
 * The workspace: its layout, initialization and the durable state files in it.
 */
package ai.millrace.core.workspace;
