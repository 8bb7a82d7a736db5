/**
 * The four work documents the queues hold: tasks, specs, incidents and learning requests.
 */
package ai.millrace.api.work;
