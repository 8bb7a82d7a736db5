/**
 * Work documents on disk: the headed markdown queue format and the JSON import form.
 */
package ai.millrace.core.document;
