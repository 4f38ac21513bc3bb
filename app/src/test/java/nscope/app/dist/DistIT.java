package nscope.app.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nscope.app.cli.LsnsRows;
import nscope.testkit.LiveTest;
import nscope.testkit.Repo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The .deb and the tarball, built by the script the profile dist runs (src/dist/make-dist) from the jar
 * this build packaged, then run as on a host without Java (NoJava: no JDK reachable, /tmp noexec): the
 * unpacked tarball, the .deb's files as dpkg-deb -x lays them out, and the .deb installed and purged by
 * dpkg in a root made for the test under app/target (nscope-test-dist), so the machine stays as it was.
 */
@LiveTest
class DistIT {
    private static final Path TARGET = Repo.root().resolve("app/target");
    private static final Path WORK = TARGET.resolve("nscope-test-dist");
    private static Path deb, tarball;

    @BeforeAll
    static void build() throws Exception {
        Tree.remove(WORK);
        Files.createDirectories(WORK);
        String version = System.getProperty("nscope.version", "0.1.0-SNAPSHOT");
        Tree.sh(
                Repo.root().resolve("app/src/dist/make-dist").toString(),
                TARGET.toString(),
                version,
                System.getProperty("java.home"));
        deb = TARGET.resolve("dist/nscope_" + version.replace('-', '~') + "_amd64.deb");
        tarball = TARGET.resolve("dist/nscope-" + version + "-linux-x86_64.tar.gz");
    }

    @AfterAll
    static void clean() throws Exception {
        Tree.remove(WORK);
    }

    @Test
    void theTarballRunsFromWhereverItIsUnpacked() throws Exception {
        Path dir = Files.createDirectories(WORK.resolve("unpacked here"));
        Tree.sh("tar", "-C", dir.toString(), "-xzf", tarball.toString());
        Path top;
        try (Stream<Path> s = Files.list(dir)) {
            top = s.findFirst().orElseThrow();
        }
        works(top.resolve("bin/nscope"), Files.createDirectories(WORK.resolve("cache-tar")));
    }

    /** Unpacked by root, run by another user (nobody): its archive in that user's cache, the screen read-only. */
    @Test
    void theTarballRunsAsAnyUser() throws Exception {
        Path dir = Files.createDirectories(WORK.resolve("for anyone"));
        Tree.sh("tar", "-C", dir.toString(), "-xzf", tarball.toString());
        Tree.sh("chmod", "-R", "a+rX", WORK.toString());
        Path cache = Files.createDirectories(WORK.resolve("cache-nobody"));
        Tree.sh("chown", "65534:65534", cache.toString());
        Path top;
        try (Stream<Path> s = Files.list(dir)) {
            top = s.findFirst().orElseThrow();
        }
        String nscope = top.resolve("bin/nscope").toString();
        String[] asNobody = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
        List<String> env = Tree.with(NoJava.cacheIn(cache), List.of("HOME=" + cache));
        NoJava.Run id = NoJava.run(env, Tree.with(asNobody, "id", "-u"));
        assertEquals("65534", id.out().strip(), "the commands below run as nobody");
        NoJava.Run v = NoJava.run(env, Tree.with(asNobody, nscope, "--version"));
        assertEquals(0, v.rc(), v.out());
        assertTrue(v.out().startsWith("nscope "), v.out());
        Tree.single(cache.resolve("nscope")); // its first run made the archive where nobody may write
        NoJava.Run ls = NoJava.run(env, Tree.with(asNobody, nscope, "ls"));
        assertEquals(0, ls.rc(), ls.out());
        assertTrue(ls.out().contains("NS TYPE"), ls.out());
        NoJava.Run screen = NoJava.run(env, Tree.with(asNobody, "bash", "-c", Screen.SCRIPT, "bash", nscope));
        assertEquals(0, screen.rc(), "no first frame as nobody: " + screen.out());
    }

    @Test
    void theDebsFilesRunAsLaidOut() throws Exception {
        Path root = Files.createDirectories(WORK.resolve("deb-x"));
        Tree.sh("dpkg-deb", "-x", deb.toString(), root.toString());
        // no postinst ran: no archive in /var/cache/nscope, so the launcher makes one in the user's cache
        works(root.resolve("usr/bin/nscope"), Files.createDirectories(WORK.resolve("cache-deb")));
    }

    /**
     * dpkg --root installs into a root of the test's own (its database empty, hence --force-depends);
     * --force-script-chrootless runs the maintainer scripts with DPKG_ROOT set rather than chrooted into a
     * root that holds no shell; they write only under DPKG_ROOT.
     */
    @Test
    void theDebInstallsMakesItsArchiveAndPurgesCleanly() throws Exception {
        Path root = WORK.resolve("nscope-test-root");
        Path db = Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.createDirectories(db.resolve("info"));
        Files.createDirectories(db.resolve("updates"));
        Files.writeString(db.resolve("status"), "");
        Files.writeString(db.resolve("available"), "");
        String[] dpkg = {"dpkg", "--root=" + root, "--force-script-chrootless", "--force-depends"};
        Tree.sh(Tree.with(dpkg, "-i", deb.toString()));
        Path archive = Tree.single(root.resolve("var/cache/nscope"));
        Path cache = Files.createDirectories(WORK.resolve("cache-installed"));
        NoJava.Run r = NoJava.run(
                Tree.with(NoJava.cacheIn(cache), Archive.strict(archive)),
                root.resolve("usr/bin/nscope").toString(),
                "--version");
        assertEquals(0, r.rc(), "the postinst's archive maps: " + r.out());
        assertTrue(r.out().startsWith("nscope "), r.out());
        assertTrue(Tree.files(cache).isEmpty(), "the installed nscope wrote into the user's cache");
        Tree.sh(Tree.with(dpkg, "--purge", "nscope"));
        List<Path> left = new ArrayList<>(Tree.files(root));
        left.removeIf(p -> p.startsWith(db));
        assertEquals(List.of(), left, "files left after dpkg --purge");
    }

    @Test
    void theDebFitsAndLintianReportsOnlyWhatTheReadmeExplains() throws Exception {
        assertTrue(Files.size(deb) <= 60_000_000L, deb + " is " + Files.size(deb) + " bytes");
        assumeTrue(Tree.onPath("lintian"), "needs lintian (.ci/run installs it)");
        String report = Tree.run("lintian", "--tag-display-limit", "0", deb.toString());
        String readme = Files.readString(Repo.root().resolve("README.md"));
        Matcher m = Pattern.compile("(?m)^([EW]): nscope[^:]*: (\\S+)").matcher(report);
        while (m.find()) assertTrue(readme.contains("`" + m.group(2) + "`"), "README does not name " + m.group());
    }

    /** --version, ls --json against lsns -J, cgroups, snapshot (jffi) and the screen's first frame. */
    private static void works(Path nscope, Path cache) throws Exception {
        List<String> env = NoJava.cacheIn(cache);
        NoJava.Run v = NoJava.run(env, nscope.toString(), "--version");
        assertEquals(0, v.rc(), v.out());
        assertTrue(v.out().startsWith("nscope "), v.out());
        Path archive = Tree.single(cache.resolve("nscope"));
        NoJava.Run again = NoJava.run(Tree.with(env, Archive.strict(archive)), nscope.toString(), "--version");
        assertEquals(0, again.rc(), "the first run's archive maps on the second: " + again.out());
        agreesWithLsns(nscope, env);
        NoJava.Run c = NoJava.run(env, nscope.toString(), "cgroups");
        assertEquals(0, c.rc(), c.out());
        assertTrue(c.out().contains("CGROUP"), c.out());
        NoJava.Run s = NoJava.run(env, nscope.toString(), "snapshot", "--json");
        assertEquals(0, s.rc(), s.out());
        new ObjectMapper().readTree(s.out().substring(0, s.out().lastIndexOf('}') + 1));
        NoJava.Run b = NoJava.run(env, nscope.toString(), "snapshot", "--bench", "1", "--tasks-only");
        assertTrue(b.out().contains("thread groups by libnscope-read.so"), "the bundle's reader: " + b.out());
        NoJava.Run screen = NoJava.script(env, Screen.SCRIPT, nscope.toString());
        assertEquals(0, screen.rc(), "no first frame: " + screen.out());
    }

    /**
     * lsns -J, nscope ls --json, lsns -J in one namespace, as the oracle test compares them (each counts
     * itself and the shell: no correction). The host changes; a real difference fails all 8 attempts. When
     * the host never holds still across the three runs (a busy shared machine), the last attempt is judged
     * on what held: every row both lsns runs printed alike must be nscope's too (a namespace born and gone
     * between them may be nscope's alone).
     */
    private static void agreesWithLsns(Path nscope, List<String> env) throws Exception {
        String last = "";
        Set<String> before = Set.of(), ours = Set.of(), after = Set.of();
        for (int attempt = 0; attempt < 8; attempt++) {
            NoJava.Run r = NoJava.script(
                    env,
                    "lsns -J >\"$2/a\" && \"$1\" ls --json >\"$2/b\" && lsns -J >\"$2/c\"",
                    nscope.toString(),
                    WORK.toString());
            assertEquals(0, r.rc(), r.out());
            before = LsnsRows.rows(Files.readString(WORK.resolve("a")));
            ours = LsnsRows.rows(Files.readString(WORK.resolve("b")));
            after = LsnsRows.rows(Files.readString(WORK.resolve("c")));
            if (!before.equals(after)) continue;
            assertTrue(before.size() >= 8, "lsns listed " + before);
            if (comparable(before).equals(comparable(ours))) return;
            Set<String> missing = new TreeSet<>(before), extra = new TreeSet<>(ours);
            missing.removeAll(ours);
            extra.removeAll(before);
            last = "lsns only: " + missing + "; nscope only: " + extra;
        }
        if (!last.isEmpty())
            throw new AssertionError("ls --json never agreed with lsns -J in 8 attempts; last: " + last);
        Set<String> held = comparable(before);
        held.retainAll(comparable(after));
        Set<String> mine = comparable(ours);
        Set<String> missing = new TreeSet<>(held);
        missing.removeAll(mine);
        assertEquals(Set.of(), missing, "rows both lsns runs printed alike, missing from nscope's");
    }

    /**
     * The rows, with the process count left out for the host's own namespaces (those of this JVM): under
     * the shared machine's churn (other builds start and end processes all the time) their counts moved
     * by a few processes during nscope's scan even when both lsns runs agreed. Every other namespace
     * (synth-host's, containers') keeps its exact count, and every namespace must be in both lists.
     */
    private static Set<String> comparable(Set<String> rows) throws Exception {
        Set<String> mine = new TreeSet<>();
        for (String type : new String[] {"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"}) {
            String link =
                    Files.readSymbolicLink(Path.of("/proc/self/ns/" + type)).toString();
            mine.add(link.substring(link.indexOf('[') + 1, link.indexOf(']')) + " " + type);
        }
        Set<String> out = new TreeSet<>();
        for (String row : rows) {
            String[] f = row.split(" ");
            out.add(mine.contains(f[0] + " " + f[1]) ? f[0] + " " + f[1] : row);
        }
        return out;
    }

    private static final class Archive {
        /** The flag with which the JVM fails to start unless it maps the archive. */
        static List<String> strict(Path archive) {
            return List.of(
                    "NSCOPE_JAVA_OPTS=" + (archive.toString().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on"));
        }
    }
}
