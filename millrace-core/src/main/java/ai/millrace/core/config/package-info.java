/**
 * Configuration: reading and validating {@code millrace.toml}.
 */
package ai.millrace.core.config;
