package nscope.app.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.act.ActionException;
import nscope.app.container.confine.InitHelper;
import nscope.kernel.Errno;
import nscope.views.text.Words;

/**
 * What a step's body works with: commands run from argv lists inside the
 * lab's cgroup, the puppet helper, objects made under names the journal
 * holds before they exist (nscope-lab-ID-..., interfaces labID...), and
 * the observations it makes of the kernel afterwards.
 */
public final class LabRun {
    private final String id;
    private final Made made;
    private final HostAbilities host;
    private final Path init;
    private final Path track;
    private final Path procs;
    private final List<Puppet> puppets = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private List<StepResult.Command> commands = new ArrayList<>();
    private List<StepResult.Observation> observations = new ArrayList<>();
    private StepResult.Focus focus;
    /** Set when the lab is ending (SIGTERM while a step runs): the step's next command or object is refused. */
    volatile boolean ending;

    private final java.util.Map<String, Object> kept = new java.util.HashMap<>();

    LabRun(String id, Made made, HostAbilities host) throws IOException, ActionException {
        this.id = id;
        this.made = made;
        this.host = host;
        this.init = InitHelper.binary();
        Path v2 = host.v2().orElseThrow(() -> new ActionException("this host mounts no cgroup v2 hierarchy"));
        this.track = v2.resolve("nscope-lab-" + id);
        made.add(Made.Kind.TRACK, track.toString());
        Files.createDirectory(track);
        Files.createDirectory(track.resolve(Track.LEAF));
        this.procs = track.resolve(Track.LEAF).resolve("cgroup.procs");
    }

    public HostAbilities host() {
        return host;
    }

    /** A name for an object of this lab: nscope-lab-ID-what. */
    public String name(String what) {
        return "nscope-lab-" + id + "-" + what;
    }

    /** An interface name (at most 15 bytes, so not nscope-lab-...): labID + what. */
    public String ifname(String what) {
        String n = "lab" + id + what;
        if (n.length() > 15) throw new IllegalArgumentException("interface name too long: " + n);
        return n;
    }

    /** nscope's helper binary (shown as nscope-init). */
    public String init() {
        return init.toString();
    }

    /** A command run to its end (at most 60 s) inside the lab's cgroup: its exit status and output. */
    public Ran exec(String... argv) throws IOException, InterruptedException {
        Process p = start(argv, false);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        Ran r = new Ran(p.exitValue(), out);
        record(shown(argv), r.exit(), r.lines());
        return r;
    }

    /** A command that must succeed: its output, or the step fails with its complaint. */
    public String must(String... argv) throws IOException, InterruptedException {
        Ran r = exec(argv);
        if (r.exit() != 0)
            throw new IOException(
                    shown(argv) + ": exit " + r.exit() + ": " + r.out().strip());
        return r.out();
    }

    /**
     * Writes a value into a kernel file (a cgroup's limit, its cgroup.procs),
     * shown as the line a user would type (echo VALUE > FILE; no shell runs it);
     * the step fails if the kernel refuses it.
     */
    public void mustWrite(Path file, String value) throws IOException {
        alive();
        String shown = "echo " + Words.quoted(List.of(value)) + " > " + Words.quoted(List.of(file.toString()));
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            record(shown, 1, List.of(String.valueOf(e.getMessage())));
            throw new IOException(shown + ": " + e.getMessage(), e);
        }
        record(shown, 0, List.of());
    }

    /** A command left running in the lab's cgroup (ended when the lab ends). */
    public Process spawn(String... argv) throws IOException {
        Process p = start(argv, true);
        started.add(p);
        record(shown(argv) + " &", -1, List.of("started: PID " + p.pid()));
        return p;
    }

    /** The puppet helper behind these command words (none: itself), in the lab's cgroup. */
    public Puppet puppet(String... before) throws IOException {
        return puppetFrom(init.toString(), before);
    }

    /** The same, run from another copy of the helper (one an unprivileged user may execute). */
    public Puppet puppetFrom(String helper, String... before) throws IOException {
        List<String> argv = new ArrayList<>(Arrays.asList(before));
        argv.addAll(List.of(helper, "lab", "puppet"));
        Process p = start(argv.toArray(String[]::new), true);
        Puppet pu = new Puppet(p, this);
        puppets.add(pu);
        record(shown(argv.toArray(String[]::new)) + " &", -1, List.of("started: PID " + pu.pid));
        return pu;
    }

    /** Refuses anything new once the lab is ending, so nothing is made after its cleanup began. */
    void alive() throws IOException {
        if (ending) throw new IOException("the lab is ending: nothing more is started or made");
    }

    private Process start(String[] argv, boolean background) throws IOException {
        alive();
        List<String> full = new ArrayList<>(List.of(init.toString(), "lab", "run", procs.toString(), "--"));
        full.addAll(Arrays.asList(argv));
        ProcessBuilder b = new ProcessBuilder(full).redirectErrorStream(true);
        if (!background) b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        b.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        return b.start();
    }

    /** A cgroup of this lab in a v1 controller's hierarchy (recorded, then made). */
    public Path cgroupV1(String controller, String what) throws IOException {
        alive();
        Path root = host.v1().get(controller);
        if (root == null) throw new IOException("no cgroup v1 " + controller + " hierarchy here");
        Path cg = root.resolve(name(what));
        made.add(Made.Kind.CGROUP, cg.toString());
        Files.createDirectory(cg);
        return cg;
    }

    /** A cgroup of this lab on the v2 hierarchy, beside the lab's own (recorded, then made). */
    public Path cgroupV2(String what) throws IOException {
        alive();
        Path cg = track.resolve(name(what));
        made.add(Made.Kind.CGROUP, cg.toString());
        Files.createDirectory(cg);
        return cg;
    }

    /** A child of a cgroup this lab made, in either version (recorded, then made). */
    public Path cgroupIn(Path parent, String what) throws IOException {
        if (!parent.getFileName().toString().startsWith(name("")))
            throw new IOException("not a cgroup of this lab: " + parent);
        Path cg = parent.resolve(name(what));
        made.add(Made.Kind.CGROUP, cg.toString());
        Files.createDirectory(cg);
        return cg;
    }

    /**
     * Writes text into a kernel file in one write, as `echo TEXT > FILE`
     * would (recorded so): "" when the kernel took it, else the errno it
     * refused with ("EOPNOTSUPP"...).
     */
    public String write(Path file, String text) throws IOException {
        alive();
        String shown = "echo " + Words.quoted(List.of(text)) + " > " + Words.quoted(List.of(file.toString()));
        try {
            Files.writeString(file, text);
            record(shown, 0, List.of());
            return "";
        } catch (IOException e) {
            Errno n = Errno.of(e);
            String reason = e instanceof java.nio.file.FileSystemException f ? f.getReason() : e.getMessage();
            String name = n == Errno.UNKNOWN ? String.valueOf(reason) : n.name();
            record(shown, 1, List.of("write error: " + reason + " (" + name + ")"));
            return name;
        }
    }

    /** A directory of this lab under /run/nscope-lab/ (recorded, then made). */
    public Path dir(String what) throws IOException {
        alive();
        Path d = Path.of("/run/nscope-lab", name(what));
        made.add(Made.Kind.DIR, d.toString());
        Files.createDirectories(d);
        return d;
    }

    /** Records a mount point before the step mounts on it (the lab unmounts it when it ends). */
    public void mounting(Path at) throws IOException {
        alive();
        made.add(Made.Kind.MOUNT, at.toString());
    }

    /** Records a named network namespace (ip netns add NAME) before the step makes it. */
    public String netns(String what) throws IOException {
        alive();
        String n = name(what);
        made.add(Made.Kind.NETNS, n);
        return n;
    }

    /** Records an interface of the host's before the step makes it. */
    public String link(String what) throws IOException {
        alive();
        String n = ifname(what);
        made.add(Made.Kind.LINK, n);
        return n;
    }

    /** An observation of the kernel: what was expected, whether it held, what was read. */
    public boolean expect(String what, boolean ok, String seen) {
        observations.add(new StepResult.Observation(what, ok, seen));
        return ok;
    }

    /** Keeps something a later step of this run needs (a puppet, a PID). */
    public void keep(String key, Object value) {
        kept.put(key, value);
    }

    /** What an earlier step kept; IllegalStateException if it kept nothing under that key. */
    public <T> T kept(String key, Class<T> type) {
        Object v = kept.get(key);
        if (v == null) throw new IllegalStateException("an earlier step of this lab did not run: no " + key);
        return type.cast(v);
    }

    /** The object the screen should select after this step. */
    public void focus(StepResult.Focus f) {
        this.focus = f;
    }

    void record(String argv, int exit, List<String> output) {
        commands.add(new StepResult.Command(argv, exit, output));
    }

    /** The command as a user would type it (words quoted where needed; nscope-init by its name). */
    String shown(String[] argv) {
        List<String> words = new ArrayList<>();
        for (String a : argv) words.add(a.equals(init.toString()) ? "nscope-init" : a);
        return Words.quoted(words);
    }

    StepResult take(int index, Step step) {
        StepResult r = new StepResult(index, step, List.copyOf(commands), List.copyOf(observations), focus);
        commands = new ArrayList<>();
        observations = new ArrayList<>();
        focus = null;
        return r;
    }

    /** Ends the lab's processes (puppets first, politely) and removes everything the journal holds. */
    List<String> end() {
        puppets.forEach(Puppet::end);
        started.forEach(Process::destroyForcibly);
        return made.undo();
    }

    /** A finished command. */
    public record Ran(int exit, String out) {
        public List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.strip().split("\n"));
        }
    }
}
