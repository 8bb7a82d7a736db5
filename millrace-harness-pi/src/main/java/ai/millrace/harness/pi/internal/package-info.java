/**
 * Internals of the Pi harness: the RPC session over stdio, the stage prompt, artifact writing and
 * token-usage normalization. Not exported; may change without notice.
 */
package ai.millrace.harness.pi.internal;
