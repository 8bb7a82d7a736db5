/**
 * The tick engine's parts: result normalization, routing through the compiled plan, request
 * building and result application. Internal.
 */
package ai.millrace.core.internal.engine;
