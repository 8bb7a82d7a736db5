/**
 * The drawable model of a compiled plan shared by the Mermaid and Graphviz renderers.
 */
package ai.millrace.compiler.internal.diagram;
