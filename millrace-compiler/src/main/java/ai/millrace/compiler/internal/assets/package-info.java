/**
 * Finding, reading and identifying asset definitions: packaged, plugin-supplied and workspace-local.
 */
package ai.millrace.compiler.internal.assets;
