package ai.millrace.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;

/**
 * The {@code millrace} executable: {@code java -jar millrace-cli.jar <command> ...}.
 *
 * <p>Sets the SLF4J level before any logger exists (quiet, {@code WARN}, unless
 * {@code --verbose}: {@code INFO}, or {@code --debug}: {@code DEBUG}), runs the command and exits
 * with its code: 0 ok, 1 command failed, 2 usage error.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        configureLogging(args);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code = MillraceCli.execute(CliEnvironment.system(), out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Sets the slf4j-simple properties from the arguments, unless already set by the caller.
     *
     * @param args the arguments
     */
    static void configureLogging(String[] args) {
        String level = "warn";
        for (String a : args) {
            if (a.equals("--debug")) {
                level = "debug";
            } else if (a.equals("--verbose") && !level.equals("debug")) {
                level = "info";
            } else if (a.equals("--")) {
                break;
            }
        }
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
