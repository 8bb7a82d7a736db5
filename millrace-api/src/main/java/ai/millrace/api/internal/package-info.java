/**
 * Implementation helpers of the API module. Not exported; not for use outside it.
 */
package ai.millrace.api.internal;
