/**
 * The configuration model: every key of {@code millrace.toml} with its default.
 */
package ai.millrace.api.config;
