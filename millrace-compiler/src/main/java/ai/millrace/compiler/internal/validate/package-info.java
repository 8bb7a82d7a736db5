/**
 * Validation of stage kinds, graph loops and modes, with stable compile error codes.
 */
package ai.millrace.compiler.internal.validate;
