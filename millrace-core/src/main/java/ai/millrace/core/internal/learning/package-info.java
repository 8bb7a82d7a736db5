/**
 * The learning plane's runtime side (spec 02 section 3.12, spec 01 section 4.10): learning
 * requests from compiler-frozen trigger rules, intake checks, curator promotion records and skill
 * revision evidence. The runtime only writes records; it never modifies skill files.
 */
package ai.millrace.core.internal.learning;
