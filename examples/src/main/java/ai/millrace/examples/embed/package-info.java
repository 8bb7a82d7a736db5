/**
 * Embedding Millrace in an application: initialize a workspace, queue work, drive the runtime.
 */
package ai.millrace.examples.embed;
