/**
 * Legacy loops ({@code loops/**}, kind {@code loop_config}): parsed and checked for inspection only.
 */
package ai.millrace.compiler.internal.legacy;
