package ai.millrace.harness.codex;

import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.config.PermissionLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake {@code codex} executable: a small POSIX sh script that records its argv, environment,
 * working folder and standard input, prints a scripted {@code --json} event stream, writes the
 * {@code --output-last-message} file (empty first, as Codex does), and exits with a scripted code.
 * For hangs it sleeps, optionally beside a grandchild. The script reads its scenario from the
 * folder named by {@code FAKE_CODEX_DIR}, which the runner passes through {@code runners.codex.env}.
 */
final class FakeCodex {
    private static final String SCRIPT = String.join("\n",
            "#!/bin/sh",
            "d=\"$FAKE_CODEX_DIR\"",
            "out=''",
            "prev=''",
            ": > \"$d/argv\"",
            "for a in \"$@\"; do",
            "  printf '%s\\000' \"$a\" >> \"$d/argv\"",
            "  if [ \"$prev\" = '--output-last-message' ]; then out=\"$a\"; fi",
            "  prev=\"$a\"",
            "done",
            "printf '%s' \"$HOME\" > \"$d/env_home\"",
            "printf '%s' \"${CODEX_HOME-<unset>}\" > \"$d/env_codex_home\"",
            "printf '%s' \"${FAKE_EXTRA-<unset>}\" > \"$d/env_extra\"",
            "pwd > \"$d/pwd\"",
            "cat > \"$d/stdin\"",
            "echo $$ > \"$d/pid.tmp\" && mv \"$d/pid.tmp\" \"$d/pid\"",
            "if [ -n \"$out\" ]; then : > \"$out\"; fi",
            "if [ -f \"$d/stderr.txt\" ]; then cat \"$d/stderr.txt\" >&2; fi",
            "if [ -f \"$d/events.jsonl\" ]; then cat \"$d/events.jsonl\"; fi",
            "if [ -f \"$d/huge\" ]; then",
            "  n=$(cat \"$d/huge\")",
            "  i=0",
            "  line='{\"type\":\"item.updated\",\"item\":{\"id\":\"item_9\",\"type\":\"reasoning\",\"text\":\"" + "x".repeat(200) + "\"}}'",
            "  noise='" + "e".repeat(200) + "'",
            "  while [ $i -lt $n ]; do",
            "    printf '%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n' \"$line\" \"$line\" \"$line\" \"$line\" \"$line\" \"$line\" \"$line\" \"$line\" \"$line\" \"$line\"",
            "    printf '%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n' \"$noise\" \"$noise\" \"$noise\" \"$noise\" \"$noise\" \"$noise\" \"$noise\" \"$noise\" \"$noise\" \"$noise\" >&2",
            "    i=$((i+1))",
            "  done",
            "  if [ -f \"$d/events_after.jsonl\" ]; then cat \"$d/events_after.jsonl\"; fi",
            "fi",
            "if [ -n \"$out\" ] && [ -f \"$d/last_message.txt\" ] && [ -f \"$d/message_before_hang\" ]; then cat \"$d/last_message.txt\" > \"$out\"; fi",
            "if [ -f \"$d/hang\" ]; then",
            "  if [ -f \"$d/grandchild\" ]; then",
            "    sh -c 'sleep 300; echo survived > \"$1/grandchild_survived\"' sh \"$d\" &",
            "    echo $! > \"$d/child.pid\"",
            "  fi",
            "  trap '' TERM",  // like a busy native binary that ignores the polite signal
            "  sleep 300 &",
            "  echo $! > \"$d/sleeper.pid\"",
            "  wait",
            "  echo survived > \"$d/survived\"",
            "fi",
            "if [ -n \"$out\" ] && [ -f \"$d/last_message.txt\" ]; then cat \"$d/last_message.txt\" > \"$out\"; fi",
            "if [ -f \"$d/crash\" ]; then kill -SEGV $$; fi",
            "code=0",
            "if [ -f \"$d/exit_code\" ]; then code=$(cat \"$d/exit_code\"); fi",
            "exit $code",
            "");

    final Path root;
    final Path executable;
    final Path scenario;
    final Path workspace;

    private FakeCodex(Path root) {
        this.root = root;
        this.executable = root.resolve("bin/codex");
        this.scenario = root.resolve("scenario");
        this.workspace = root.resolve("workspace");
        try {
            Files.createDirectories(executable.getParent());
            Files.createDirectories(scenario);
            Files.createDirectories(workspace);
            Files.writeString(executable, SCRIPT);
            Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FakeCodex in(Path root) {
        return new FakeCodex(root);
    }

    FakeCodex events(String... lines) {
        return file("events.jsonl", String.join("\n", lines) + "\n");
    }

    FakeCodex eventsAfterNoise(String... lines) {
        return file("events_after.jsonl", String.join("\n", lines) + "\n");
    }

    FakeCodex lastMessage(String text) {
        return file("last_message.txt", text);
    }

    FakeCodex stderr(String text) {
        return file("stderr.txt", text);
    }

    FakeCodex exitCode(int code) {
        return file("exit_code", Integer.toString(code));
    }

    FakeCodex hang() {
        return file("hang", "");
    }

    FakeCodex withGrandchild() {
        return file("grandchild", "");
    }

    FakeCodex messageBeforeHang() {
        return file("message_before_hang", "");
    }

    FakeCodex crash() {
        return file("crash", "");
    }

    /** About {@code blocks} × 2 KiB on stdout and on stderr, before the scripted events-after. */
    FakeCodex huge(int blocks) {
        return file("huge", Integer.toString(blocks));
    }

    /** A config whose command is the script and whose env names the scenario folder. */
    CodexRunnerConfig config() {
        return config(PermissionLevel.MAXIMUM, List.of());
    }

    CodexRunnerConfig config(PermissionLevel level, List<String> extraConfig) {
        return new CodexRunnerConfig(executable.toString(), List.of("exec"), null, level, Map.of(), Map.of(), null,
                true, extraConfig, Map.of("FAKE_CODEX_DIR", scenario.toString()));
    }

    CodexStageRunner.Builder runnerBuilder() {
        Map<String, String> parent = new LinkedHashMap<>();
        parent.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        parent.put("HOME", root.resolve("operator-home").toString());
        parent.put("LANG", "C.UTF-8");
        return CodexStageRunner.builder(workspace).config(config()).parentEnvironment(parent)
                .killGrace(Duration.ofMillis(300));
    }

    CodexStageRunner runner() {
        return runnerBuilder().build();
    }

    List<String> argv() {
        String raw = read("argv");
        List<String> out = new ArrayList<>(Arrays.asList(raw.split("\u0000", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    String read(String name) {
        try {
            return Files.readString(scenario.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean has(String name) {
        return Files.exists(scenario.resolve(name));
    }

    long pid(String name) {
        return Long.parseLong(read(name).strip());
    }

    /** Waits until the script has written {@code name}. */
    void await(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!has(name)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fake codex never wrote " + name);
            }
            Thread.sleep(20);
        }
    }

    private FakeCodex file(String name, String content) {
        try {
            Files.writeString(scenario.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
