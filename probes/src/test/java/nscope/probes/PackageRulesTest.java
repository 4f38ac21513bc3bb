package nscope.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the read side, checked on its sources: each package says in
 * its package-info what it may use ("May use: ..."), uses nothing else, and
 * no two packages use each other, however indirectly; no file over 400
 * lines, no package over 20 files.
 */
class PackageRulesTest {
    static final String ROOT = "nscope.probes";
    static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    static final Pattern USE = Pattern.compile("\\b(nscope\\.(?:probes(?:\\.[a-z]\\w*)*|kernel))\\.[A-Z]");
    static final Pattern MAY_USE = Pattern.compile("May use: ([^.\\n]*(?:\\.[a-z][^.\\n]*)*)\\.");

    /** Each package's files, by package name. */
    static final Map<String, List<Path>> files = new TreeMap<>();

    @BeforeAll
    static void sources() throws IOException {
        Path src = CgroupReplayTest.repo().resolve("probes/src/main/java");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = PACKAGE.matcher(Files.readString(p));
                assertTrue(m.find(), p + " has no package line");
                files.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
            }
        }
    }

    /** What a package uses: every probes package and nscope.kernel its code names (comments and strings left out). */
    static Set<String> uses(String pkg) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Path p : files.get(pkg)) {
            String code = Files.readString(p)
                    .replaceAll("(?s)/\\*.*?\\*/", "")
                    .replaceAll("//[^\\n]*", "")
                    .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
            Matcher m = USE.matcher(code);
            while (m.find())
                if (!m.group(1).equals(pkg)
                        && (files.containsKey(m.group(1)) || m.group(1).equals("nscope.kernel"))) out.add(m.group(1));
        }
        return out;
    }

    /** What a package's package-info says it may use, as full package names. */
    static Set<String> mayUse(String pkg) throws IOException {
        Path info = files.get(pkg).stream()
                .filter(p -> p.getFileName().toString().equals("package-info.java"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(pkg + " has no package-info.java"));
        Matcher m = MAY_USE.matcher(Files.readString(info).replaceAll("\\n \\* ?", " "));
        assertTrue(m.find(), info + " says nothing of what the package may use (\"May use: ...\")");
        Set<String> out = new TreeSet<>();
        if (m.group(1).startsWith("nothing")) return out;
        for (String name : m.group(1).replaceAll("\\(.*?\\)", "").split(",")) {
            String n = name.trim();
            out.add(n.startsWith("nscope.") ? n : ROOT + "." + n);
        }
        return out;
    }

    @Test
    void eachPackageUsesOnlyWhatItsPackageInfoAllows() throws IOException {
        for (String pkg : files.keySet()) {
            Set<String> extra = new TreeSet<>(uses(pkg));
            extra.removeAll(mayUse(pkg));
            assertEquals(Set.of(), extra, pkg + " uses what its package-info does not allow");
        }
    }

    @Test
    void noPackageUsesItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String pkg : files.keySet()) uses.put(pkg, uses(pkg));
        for (String pkg : files.keySet()) {
            Set<String> seen = new HashSet<>();
            List<String> todo = new ArrayList<>(uses.get(pkg));
            while (!todo.isEmpty()) {
                String next = todo.remove(todo.size() - 1);
                assertTrue(!next.equals(pkg), pkg + " reaches itself through " + uses.get(pkg));
                if (seen.add(next)) todo.addAll(uses.getOrDefault(next, Set.of()));
            }
        }
    }

    @Test
    void smallFilesAndPackages() throws IOException {
        for (Map.Entry<String, List<Path>> e : files.entrySet()) {
            assertTrue(
                    e.getValue().size() <= 20,
                    e.getKey() + " has " + e.getValue().size() + " files");
            for (Path p : e.getValue()) {
                long lines = Files.readAllLines(p).size();
                assertTrue(lines <= 400, p + " has " + lines + " lines");
            }
        }
    }
}
