/**
 * The compiled, frozen run plan and its parts.
 */
package ai.millrace.api.plan;
