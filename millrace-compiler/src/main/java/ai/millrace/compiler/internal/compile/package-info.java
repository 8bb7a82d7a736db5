/**
 * The compile pipeline: validation order, node materialization, resolved assets and fingerprints.
 */
package ai.millrace.compiler.internal.compile;
