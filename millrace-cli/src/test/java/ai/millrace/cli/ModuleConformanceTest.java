package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks every Millrace module on the class path against the house rules: {@code .internal}
 * packages are never exported to everyone, and every {@code META-INF/services} entry is also a
 * {@code provides} clause in {@code module-info} (and the other way round), so plugins work on the
 * class path and on the module path alike.
 */
class ModuleConformanceTest {
    private static final Set<String> SPI = Set.of("ai.millrace.api.spi.StageRunnerProvider",
            "ai.millrace.api.spi.StageKindProvider", "ai.millrace.api.spi.GraphLoopProvider",
            "ai.millrace.api.spi.ModeProvider", "ai.millrace.api.spi.RuntimeListener");

    @Test
    void everyMillraceModuleFollowsTheHouseRules() throws IOException {
        Map<String, Path> modules = millraceModules();
        assertTrue(modules.containsKey("ai.millrace.api"), "the api module is on the class path: " + modules);

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> entry : modules.entrySet()) {
            withRoot(entry.getValue(), root -> check(entry.getKey(), root, problems));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theApiDeclaresEveryServiceItLoadsAndDependsOnAnnotationsOnly() throws IOException {
        Path api = millraceModules().get("ai.millrace.api");
        withRoot(api, root -> {
            ModuleDescriptor d = descriptor(root);
            assertEquals(SPI, d.uses());
            Set<String> requires = d.requires().stream().map(ModuleDescriptor.Requires::name)
                    .filter(n -> !n.equals("java.base")).collect(Collectors.toSet());
            assertEquals(Set.of("com.fasterxml.jackson.annotation"), requires);
            assertFalse(d.exports().stream().anyMatch(e -> e.source().contains(".internal") && !e.isQualified()));
        });
    }

    private static void check(String name, Path root, List<String> problems) throws IOException {
        ModuleDescriptor d = descriptor(root);
        for (ModuleDescriptor.Exports e : d.exports()) {
            if (e.source().contains(".internal") && !e.isQualified()) {
                problems.add(name + " exports internal package " + e.source() + " to everyone");
            }
        }
        Map<String, Set<String>> declared = new TreeMap<>();
        d.provides().forEach(p -> declared.put(p.service(), new TreeSet<>(p.providers())));
        Map<String, Set<String>> services = new TreeMap<>();
        Path dir = root.resolve("META-INF/services");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.collect(Collectors.toList())) {
                    Set<String> impls = Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                            .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty())
                            .collect(Collectors.toCollection(TreeSet::new));
                    services.put(f.getFileName().toString(), impls);
                }
            }
        }
        if (!declared.equals(services)) {
            problems.add(name + ": module-info provides " + declared + " but META-INF/services lists " + services);
        }
    }

    private static ModuleDescriptor descriptor(Path root) throws IOException {
        try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** Class-path entries (folders or jars) that hold a module-info named ai.millrace.*. */
    private static Map<String, Path> millraceModules() throws IOException {
        Map<String, Path> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                continue;
            }
            withRoot(path, root -> {
                if (Files.exists(root.resolve("module-info.class"))) {
                    String name = descriptor(root).name();
                    if (name.startsWith("ai.millrace.")) {
                        found.put(name, path);
                    }
                }
            });
        }
        return found;
    }

    private interface RootAction {
        void accept(Path root) throws IOException;
    }

    private static void withRoot(Path entry, RootAction action) throws IOException {
        if (Files.isDirectory(entry)) {
            action.accept(entry);
            return;
        }
        if (!entry.toString().endsWith(".jar")) {
            return;
        }
        try (FileSystem fs = FileSystems.newFileSystem(entry)) {
            action.accept(fs.getPath("/"));
        }
    }
}
