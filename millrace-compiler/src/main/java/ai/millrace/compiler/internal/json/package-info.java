/**
 * Millrace's one JSON configuration. Internal: exported only to Millrace's own modules.
 */
package ai.millrace.compiler.internal.json;
