/**
 * The built-in stage kinds, graph loops and modes, read from the packaged asset tree and offered
 * through the same SPI plugins use.
 */
package ai.millrace.compiler.internal.builtin;
