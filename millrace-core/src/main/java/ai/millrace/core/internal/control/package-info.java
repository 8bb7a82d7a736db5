/**
 * The control plane's files: the daemon ownership lock, the control file lock that serializes
 * offline writes against a starting daemon, and the command mailbox.
 */
package ai.millrace.core.internal.control;
