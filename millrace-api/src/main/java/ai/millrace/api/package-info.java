/**
 * Millrace's core vocabulary: planes, stages, terminal results, result classes, stage legality, identifiers and the exception hierarchy.
 */
package ai.millrace.api;
