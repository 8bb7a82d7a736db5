package ai.millrace.cli;

import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.cli.internal.Report;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --json} option of read commands: print one JSON object instead of key/value lines. */
final class JsonOption {
    /** Built on first use: most runs never print JSON. */
    private static final class Pretty {
        static final ObjectMapper MAPPER = MillraceJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Option(names = "--json", description = "Print one JSON object instead of key: value lines.")
    boolean json;

    /** Prints a report as text or JSON. */
    void print(Report report, PrintWriter out) {
        if (json) {
            printJson(report.toJson(), out);
        } else {
            report.printText(out);
        }
    }

    /** Prints one value as compact JSON on one line (JSON Lines). */
    static void printJsonLine(Object value, PrintWriter out) {
        try {
            out.println(MillraceJson.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void printJson(Object value, PrintWriter out) {
        try {
            out.println(Pretty.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
        }
    }
}
