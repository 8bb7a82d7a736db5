/**
 * Internals of configuration loading: the {@code millrace.toml} schema and its value rules.
 */
package ai.millrace.core.internal.config;
