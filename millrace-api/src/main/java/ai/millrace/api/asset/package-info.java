/**
 * Asset definitions the compiler reads: stage kinds, graph loops and modes, as the SPI providers and workspace JSON files supply them.
 */
package ai.millrace.api.asset;
