package ai.millrace.core.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child JVM launching for the engine's crash tests. */
final class ChildJvm {
    private ChildJvm() {
    }

    static ProcessBuilder childJvm(Class<?> main, Path stderr, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(stderr.toFile());
    }
}
