/**
 * The work queues: four folders per work item kind, an in-memory claim index over them, and the
 * quarantine of documents that cannot be read.
 */
package ai.millrace.core.internal.queue;
