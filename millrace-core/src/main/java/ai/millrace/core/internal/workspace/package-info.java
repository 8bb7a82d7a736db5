/**
 * Internals of workspace initialization: asset path rules, the packaged asset index, defaults.
 */
package ai.millrace.core.internal.workspace;
