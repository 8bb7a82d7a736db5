/**
 * The {@code millrace} operator command line.
 */
package ai.millrace.cli;
