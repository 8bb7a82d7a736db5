/**
 * One stage invocation: the request a runner receives, the raw result it returns, and the normalized result envelope.
 */
package ai.millrace.api.run;
