package ai.millrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process with captured output, as the tests do. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits recorded by {@code status watch}; nothing sleeps. */
    final List<Duration> sleeps = new ArrayList<>();
    final CliEnvironment env = new CliEnvironment(Clock.systemUTC(), sleeps::add);

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MillraceCli.execute(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** One command's exit code and output. */
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n", -1)).subList(0, out.split("\n", -1).length
                    - (out.endsWith("\n") ? 1 : 0));
        }

        /** The keys of the key: value lines, in order. */
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            for (String line : lines()) {
                int at = line.indexOf(": ");
                keys.add(at < 0 ? line : line.substring(0, at));
            }
            return keys;
        }

        /** The value of the first line with this key. */
        String get(String key) {
            Map<String, String> first = new LinkedHashMap<>();
            for (String line : lines()) {
                int at = line.indexOf(": ");
                if (at > 0) {
                    first.putIfAbsent(line.substring(0, at), line.substring(at + 2));
                }
            }
            return first.get(key);
        }

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
