package nscope.app.lab.labs;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabRun;
import nscope.app.lab.Proc;
import nscope.app.lab.Step;
import nscope.app.lab.StepResult.Focus;

/**
 * An overlay mount as a container's root is made: a lower layer left as it
 * is, an upper one that takes every change (copy-up on write, a whiteout on
 * delete), and the merged view of both.
 */
public final class Overlay {
    private Overlay() {}

    private static final String SEED1 =
            "seed 001 (overlay: \"lowerdir is not modified, all updates/addition go to" + " upperdir\")";
    private static final String LOWER_A = "written in the lower layer\n", UPPER_UP = "only in the upper layer\n";

    public static final Lab LAB = new Lab(
            "overlay",
            "an overlay mount: the union of a lower and an upper layer, copy-up on write, whiteouts on delete",
            "seeds 001, 002",
            HostAbilities.rootAnd("mount", "umount", "dd", "rm", "stat", "ls"),
            List.of(
                    new Step(
                            "two layers and their union",
                            "nscope writes a.txt and gone.txt into the lower layer and up.txt into the upper one,"
                                    + " then mounts the overlay of both on merged.",
                            List.of(
                                    "(nscope writes lower/a.txt, lower/gone.txt, upper/up.txt)",
                                    "mount -t overlay nscope-lab-ID-overlay -o"
                                            + " lowerdir=LOWER,upperdir=UPPER,workdir=WORK MERGED"),
                            "overlayfs stacks directories: \"the contents of upperdir and lowerdir are merged\" (seed"
                                    + " 001), and where both hold a name, \"later layers take precedence over former"
                                    + " layers\" (seed 002, UnionFS). workdir is overlayfs's scratch space on the"
                                    + " upper layer's filesystem, for changes it must make atomically.",
                            Overlay::union),
                    new Step(
                            "a write copies the file up",
                            "A write appends to a.txt through merged; a.txt lives only in the lower layer.",
                            List.of("dd if=MERGED/up.txt of=MERGED/a.txt oflag=append conv=notrunc status=none"),
                            "The lower layer is never written: opening a lower file for writing first copies it"
                                    + " into the upper layer (\"Existing files are copied-up to the upperdir for"
                                    + " modification - Whole file is copied, not just blocks\"), and the write goes"
                                    + " to that copy, which then hides the lower one. " + SEED1,
                            Overlay::copyUp),
                    new Step(
                            "a delete leaves a whiteout",
                            "gone.txt, a lower file, is removed through merged; nscope looks at what the upper layer"
                                    + " got.",
                            List.of("rm MERGED/gone.txt", "stat -c '%F %t:%T' UPPER/gone.txt"),
                            "The lower file cannot be removed, so overlayfs hides it: \"Deleting a file in the"
                                    + " upperdir creates a whiteout - Files: character devices with 0/0 device"
                                    + " number\" (seed 001). The merged view skips a name whose upper entry is a"
                                    + " whiteout. (A directory deleted and made again is marked opaque, xattr"
                                    + " trusted.overlay.opaque=y, so the lower one's entries stay hidden.)",
                            Overlay::whiteout),
                    new Step(
                            "the upper layer is the change",
                            "nscope lists merged, then unmounts the overlay and looks at both layers.",
                            List.of("ls MERGED", "umount MERGED"),
                            "The merged view was the union of the layers, upper first, whiteouts hiding; unmounted,"
                                    + " the lower layer is exactly as it was and the upper one holds every change:"
                                    + " a changed file, a new file, a whiteout. Seed 002: the writes \"can be either"
                                    + " discarded or persisted\": kept, the upper layer is a new image layer to"
                                    + " build on.",
                            Overlay::layers)));

    private record Layers(Path lower, Path upper, Path work, Path merged) {}

    private static Layers layersOf(LabRun r) {
        return r.kept("layers", Layers.class);
    }

    private static void union(LabRun r) throws Exception {
        Layers l = new Layers(r.dir("lower"), r.dir("upper"), r.dir("work"), r.dir("merged"));
        r.keep("layers", l);
        Files.writeString(l.lower().resolve("a.txt"), LOWER_A);
        Files.writeString(l.lower().resolve("gone.txt"), "deleted in step 3\n");
        Files.writeString(l.upper().resolve("up.txt"), UPPER_UP);
        r.mounting(l.merged());
        r.must(
                "mount",
                "-t",
                "overlay",
                r.name("overlay"),
                "-o",
                "lowerdir=" + l.lower() + ",upperdir=" + l.upper() + ",workdir=" + l.work(),
                l.merged().toString());
        Optional<MountLine> m = MountLine.at("self", l.merged());
        r.expect(
                "an overlay mount on merged, with its layers",
                m.isPresent()
                        && m.get().fstype().equals("overlay")
                        && m.get().superOptions().contains("lowerdir=" + l.lower())
                        && m.get().superOptions().contains("upperdir=" + l.upper()),
                "/proc/self/mountinfo: "
                        + m.map(x -> x.shown() + " " + x.superOptions()).orElse("nothing at " + l.merged()));
        TreeSet<String> both = new TreeSet<>(names(l.lower()));
        both.addAll(names(l.upper()));
        List<String> merged = names(l.merged());
        r.expect(
                "merged holds the names of both layers",
                merged.equals(List.copyOf(both)),
                "merged: " + merged + "; lower: " + names(l.lower()) + ", upper: " + names(l.upper()));
        r.focus(Focus.ns("mnt", Proc.ns((int) ProcessHandle.current().pid(), "mnt")));
    }

    private static void copyUp(LabRun r) throws Exception {
        Layers l = layersOf(r);
        Path upper = l.upper().resolve("a.txt"), lower = l.lower().resolve("a.txt");
        boolean before = Files.exists(upper);
        r.must(
                "dd",
                "if=" + l.merged().resolve("up.txt"),
                "of=" + l.merged().resolve("a.txt"),
                "oflag=append",
                "conv=notrunc",
                "status=none");
        String up = Proc.read(upper),
                low = Proc.read(lower),
                seen = Proc.read(l.merged().resolve("a.txt"));
        r.expect(
                "a.txt is now in the upper layer: the whole file, then the write",
                !before && (LOWER_A + UPPER_UP).strip().equals(up),
                "upper/a.txt " + (before ? "was there already" : "was not there before") + ", now: " + shown(up));
        r.expect("the lower a.txt is unchanged", LOWER_A.strip().equals(low), "lower/a.txt: " + shown(low));
        r.expect("merged shows the upper copy", up != null && up.equals(seen), "merged/a.txt: " + shown(seen));
    }

    private static void whiteout(LabRun r) throws Exception {
        Layers l = layersOf(r);
        Path w = l.upper().resolve("gone.txt");
        r.must("rm", l.merged().resolve("gone.txt").toString());
        r.must("stat", "-c", "%F %t:%T", w.toString());
        boolean exists = Files.exists(w, LinkOption.NOFOLLOW_LINKS);
        int mode = exists ? (Integer) Files.getAttribute(w, "unix:mode", LinkOption.NOFOLLOW_LINKS) : 0;
        long rdev = exists ? (Long) Files.getAttribute(w, "unix:rdev", LinkOption.NOFOLLOW_LINKS) : -1;
        boolean chr = (mode & 0170000) == 0020000; // S_IFCHR
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL),
                minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        r.expect(
                "upper/gone.txt is a whiteout: a character device 0/0",
                exists && chr && major == 0 && minor == 0,
                exists
                        ? "stat: " + (chr ? "character device" : "mode " + Integer.toOctalString(mode)) + ", rdev "
                                + major + ":" + minor
                        : "upper/gone.txt: none");
        r.expect(
                "the lower gone.txt is still there, merged no longer shows it",
                Files.exists(l.lower().resolve("gone.txt"))
                        && !Files.exists(l.merged().resolve("gone.txt")),
                "lower: " + names(l.lower()) + "; merged: " + names(l.merged()));
    }

    private static void layers(LabRun r) throws Exception {
        Layers l = layersOf(r);
        List<String> shown = new LabRun.Ran(0, r.must("ls", l.merged().toString())).lines();
        r.expect(
                "merged: the lower names, less the whited-out one, and the upper's",
                shown.equals(List.of("a.txt", "up.txt")),
                "ls merged: " + shown);
        r.must("umount", l.merged().toString());
        r.expect(
                "unmounted: merged is an empty directory again",
                MountLine.at("self", l.merged()).isEmpty() && names(l.merged()).isEmpty(),
                "merged: " + names(l.merged()));
        r.expect(
                "the lower layer is as it was made",
                names(l.lower()).equals(List.of("a.txt", "gone.txt"))
                        && LOWER_A.strip().equals(Proc.read(l.lower().resolve("a.txt"))),
                "lower: " + names(l.lower()) + ", a.txt: "
                        + shown(Proc.read(l.lower().resolve("a.txt"))));
        r.expect(
                "the upper layer holds the changes",
                names(l.upper()).equals(List.of("a.txt", "gone.txt", "up.txt")),
                "upper: " + names(l.upper()) + " (a.txt copied up, gone.txt the whiteout, up.txt its own)");
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> in = Files.list(d)) {
            return in.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String shown(String text) {
        return text == null ? "unreadable" : "'" + text.replace("\n", "\\n") + "'";
    }
}
