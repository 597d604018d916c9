package org.drcorl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module map of docs/ARCHITECTURE.md, checked on the sources: which drcorl packages each
 * part's main code may import. The build enforces the plugins' side too (the core is not on a
 * plugin's compile class path); this test names the offending file and import, and covers the
 * rules inside one class path (core never reaching up into report, experiment or cli).
 */
class LayeringTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.drcorl\\.[\\w.]+?)\\.[A-Z*]", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    /** Every {@code org.drcorl} package imported by the main sources under {@code dir}, with the file that does. */
    private static List<String[]> imports(Path dir) throws IOException {
        List<String[]> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) return found;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) found.add(new String[] {ROOT.relativize(f).toString(), m.group(1)});
            }
        }
        return found;
    }

    /** The packages a module declares (its own code may import itself). */
    private static TreeSet<String> ownPackages(Path dir) throws IOException {
        TreeSet<String> own = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = PACKAGE.matcher(Files.readString(f));
                if (m.find()) own.add(m.group(1));
            }
        }
        return own;
    }

    private static List<Path> modulesUnder(String folder) throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve(folder))) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java"))).sorted().toList();
        }
    }

    @Test
    void pluginsAndTaskFamiliesImportOnlyTheSpiAndThemselves() throws IOException {
        List<Path> modules = new ArrayList<>(modulesUnder("plugins"));
        modules.addAll(modulesUnder("environments"));
        assertTrue(modules.size() >= 8, "found the plugin modules: " + modules);
        List<String> wrong = new ArrayList<>();
        for (Path module : modules) {
            Path main = module.resolve("src/main/java");
            TreeSet<String> own = ownPackages(main);
            for (String[] i : imports(main)) {
                if (!i[1].equals("org.drcorl.spi") && !own.contains(i[1])) wrong.add(i[0] + " imports " + i[1]);
            }
        }
        assertEquals(List.of(), wrong, "a plugin sees the SPI only (docs/ARCHITECTURE.md)");
    }

    @Test
    void noModuleReachesBackUp() throws IOException {
        // module → the drcorl packages its main code must never import
        Map<String, List<String>> never = Map.of(
                "spi", List.of("org.drcorl.data", "org.drcorl.nn", "org.drcorl.train", "org.drcorl.eval", "org.drcorl.pluginhost",
                        "org.drcorl.report", "org.drcorl.experiment", "org.drcorl.cli"),
                "core", List.of("org.drcorl.report", "org.drcorl.experiment", "org.drcorl.cli", "org.drcorl.env",
                        "org.drcorl.regularizer", "org.drcorl.handler"),
                "report", List.of("org.drcorl.train", "org.drcorl.experiment", "org.drcorl.cli"),
                "experiment", List.of("org.drcorl.cli", "org.drcorl.env", "org.drcorl.regularizer", "org.drcorl.handler"));
        List<String> wrong = new ArrayList<>();
        for (var e : never.entrySet()) {
            for (String[] i : imports(ROOT.resolve(e.getKey()).resolve("src/main/java"))) {
                for (String banned : e.getValue()) {
                    if (i[1].equals(banned) || i[1].startsWith(banned + ".")) wrong.add(i[0] + " imports " + i[1]);
                }
            }
        }
        assertEquals(List.of(), wrong, "the module map of docs/ARCHITECTURE.md");
    }

    @Test
    void thePluginParentGivesTheCoreToTestsOnly() throws IOException {
        String pom = Files.readString(ROOT.resolve("plugins/pom.xml"));
        Matcher d = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        int core = 0;
        while (d.find()) {
            String block = d.group(1);
            if (!block.contains("<artifactId>drcorl-core</artifactId>")) continue;
            core++;
            assertTrue(block.contains("<scope>test</scope>"), "plugins/pom.xml gives drcorl-core outside test scope:" + block);
        }
        assertTrue(core > 0, "plugins/pom.xml: the core is expected on the tests' class path");
        assertTrue(pom.contains("<artifactId>drcorl-spi</artifactId>\n      <scope>provided</scope>"), "plugins/pom.xml provides drcorl-spi");
    }
}
