/**
 * The plugin SPI: harnesses ({@link ai.millrace.api.spi.StageRunner}), asset providers, runtime listeners, and self-explaining discovery.
 */
package ai.millrace.api.spi;
