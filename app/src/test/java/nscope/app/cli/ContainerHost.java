package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the container tests share: nscope run as a user runs it (the packaged
 * jar), every place it writes pointed under /run/nscope-test (state, writable
 * layers, image cache, audit log, subuid and subgid files) and every kernel
 * object named nscope-test-* (cgroup parent, bridge, veths); the busybox
 * image, and images with the probe (app/src/test/c/probe.c) built static;
 * and the list of what a container could leave behind.
 */
final class ContainerHost {
    final long me = ProcessHandle.current().pid();
    final String tag;
    final Path base, state, cache, data, audit, subuid, subgid;
    final String parent, bridge, subnet;
    final Map<String, String> env = new HashMap<>();
    final List<String> made = new ArrayList<>();
    static final Path BUSYBOX =
            PackagedJar.REPO.resolve("fixtures/images/busybox").toAbsolutePath().normalize();

    /** @param tag tells this test class's objects from another's (a letter or two) */
    ContainerHost(String tag, int subnetByte) {
        this.tag = tag;
        base = Path.of("/run/nscope-test/" + tag + "-" + me);
        state = base.resolve("state");
        cache = base.resolve("cache");
        data = base.resolve("data");
        audit = base.resolve("audit.log");
        subuid = base.resolve("subuid");
        subgid = base.resolve("subgid");
        parent = "/nscope-test-" + tag + me;
        bridge = "nscope-test-" + tag.charAt(0) + me % 100; // at most 15 bytes (IFNAMSIZ)
        subnet = "10.231." + subnetByte + ".0/24";
        env.putAll(Map.of(
                "NSCOPE_STATE_DIR",
                state.toString(),
                "NSCOPE_CACHE_DIR",
                cache.toString(),
                "NSCOPE_DATA_DIR",
                data.toString(),
                "NSCOPE_SUBUID",
                subuid.toString(),
                "NSCOPE_SUBGID",
                subgid.toString(),
                "NSCOPE_CGROUP_PARENT",
                parent,
                "NSCOPE_BRIDGE",
                bridge,
                "NSCOPE_VETH_PREFIX",
                "nscope-test-",
                "NSCOPE_SUBNET",
                subnet));
    }

    /** The busybox image built (apt-get download, once) and this test's directory made. */
    void setUp() throws Exception {
        nscope.testkit.Root.assume();
        Files.createDirectories(base);
        LiveHost.run(PackagedJar.REPO.resolve("fixtures/images/make-busybox.sh").toString());
    }

    /** An image of its own under this test's directory: a copy of busybox (or nothing) plus the probe at /probe. */
    Path probeImage(String name, boolean busybox, String... extra) throws Exception {
        Path img = base.resolve("img-" + name);
        if (busybox) LiveHost.run("cp", "-a", BUSYBOX.toString(), img.toString());
        else Files.createDirectories(img);
        List<String> gcc = new ArrayList<>(List.of(
                "gcc",
                "-static",
                "-O2",
                "-o",
                img.resolve("probe").toString(),
                "-DTATTLE_HOST=\"" + base.resolve("tattled") + "\"",
                PackagedJar.REPO.resolve("app/src/test/c/probe.c").toString()));
        LiveHost.run(gcc.toArray(String[]::new));
        for (String e : extra) {
            Path p = img.resolve(e);
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            Files.copy(img.resolve("probe"), p);
        }
        return img;
    }

    PackagedJar.Run nscope(String... args) throws Exception {
        return nscope(Map.of(), args);
    }

    PackagedJar.Run nscope(Map<String, String> more, String... args) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(more);
        return PackagedJar.run(audit, e, args);
    }

    /** nscope run -d NAME with more options; the container's name (removed in tearDown). */
    String run(String name, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("run", "-d", "--name", name));
        a.addAll(List.of(more));
        made.add(name);
        PackagedJar.Run r = nscope(a.toArray(String[]::new));
        assertEquals(0, r.rc(), r.err());
        return name;
    }

    /** Output of a shell script inside the container (entered with its confinement). */
    String inside(String name, String script) throws Exception {
        PackagedJar.Run r = nscope("enter", name, "--", "sh", "-c", script);
        assertEquals(0, r.rc(), r.err());
        return r.err();
    }

    String cg(String hierarchy, String name, String file) throws IOException {
        return Files.readString(Path.of("/sys/fs/cgroup", hierarchy, parent.substring(1), name, file))
                .strip();
    }

    /** Every container of the test removed; what is left of them said (and then removed, so one test's leak is not the next one's). */
    List<String> tearDown() throws Exception {
        for (String n : made) nscope("rm", "--force", n);
        made.clear();
        List<String> left = leftovers();
        LiveHost.run("rm", "-rf", "--one-file-system", state.toString(), cache.toString(), data.toString());
        return left;
    }

    /** What a container of this test could leave: cgroups, interfaces, state, writable layers, processes, mounts. */
    List<String> leftovers() throws IOException {
        List<String> out = new ArrayList<>();
        try (var h = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path m : h.toList())
                if (Files.isDirectory(m.resolve(parent.substring(1))))
                    out.add("cgroup " + m.resolve(parent.substring(1)));
        }
        try (var l = Files.list(Path.of("/sys/class/net"))) {
            for (Path i : l.toList()) {
                String n = i.getFileName().toString();
                if (n.startsWith("nscope-test-")) out.add("interface " + n);
            }
        }
        for (Path d : new Path[] {state, data})
            if (Files.exists(d))
                try (var s = Files.list(d)) {
                    // the lock file stays with the state directory: it is how parallel runs take turns
                    s.filter(p -> !p.getFileName().toString().equals(".lock")).forEach(p -> out.add("left " + p));
                }
        if (Files.exists(cache))
            try (var s = Files.list(cache)) {
                s.filter(p -> p.getFileName().toString().contains(".unpacking-"))
                        .forEach(p -> out.add("partial unpack " + p));
            }
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo")))
            if (line.contains(base.toString())) out.add("mount " + line);
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(state.toString()))
                .forEach(p -> out.add(
                        "process " + p.pid() + " " + p.info().commandLine().orElse("")));
        return out;
    }

    /** This test's directory removed, once its containers are. */
    void remove() throws Exception {
        LiveHost.run("rm", "-rf", "--one-file-system", base.toString());
    }
}
