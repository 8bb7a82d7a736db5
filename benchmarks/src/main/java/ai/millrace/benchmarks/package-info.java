/**
 * JMH benchmarks of the tick loop and durable writes.
 */
package ai.millrace.benchmarks;
