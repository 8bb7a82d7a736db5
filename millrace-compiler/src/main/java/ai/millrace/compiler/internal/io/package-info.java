/**
 * Durable file operations shared by Millrace's modules. Internal: exported only to Millrace's own modules.
 */
package ai.millrace.compiler.internal.io;
