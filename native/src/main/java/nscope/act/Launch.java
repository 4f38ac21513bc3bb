package nscope.act;

import java.util.List;
import java.util.Map;
import nscope.kernel.Fd;

/**
 * A child process to start: its argv (never through a shell), its whole
 * environment, the descriptors the argv names as /proc/JVM/fd/N paths (held
 * open until the child has opened them: close after it ends), and the
 * cgroups it joins before it runs anything, as {mount point, version, path}.
 *
 * @param what one line saying what it is, for the user ("a shell in PID 42 (nginx): net uts ...")
 * @param ownSession the argv makes a session of its own for what it runs (nscope's helper does; else nscope
 *        starts it under setsid)
 * @param stopsItself the argv stops itself (SIGSTOP) before it does anything, so nscope can move it into its cgroups
 *        first (else nscope puts a stopping shell in front of it)
 */
public record Launch(
        List<String> argv,
        Map<String, String> env,
        List<Fd> held,
        List<CgroupJoin> joins,
        String what,
        Started started,
        boolean ownSession,
        boolean stopsItself)
        implements AutoCloseable {
    /** What runs once the child has started (and joined its cgroups), before nscope relays to it: given its PID. */
    public interface Started {
        void run(long pid) throws ActionException;
    }

    public Launch(List<String> argv, Map<String, String> env, List<Fd> held, List<CgroupJoin> joins, String what) {
        this(argv, env, held, joins, what, pid -> {}, false, false);
    }

    /** A cgroup the child is moved into while it waits, before it enters anything. */
    public record CgroupJoin(String mountPoint, int version, String path, String label) {}

    public Launch {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        held = List.copyOf(held);
        joins = List.copyOf(joins);
    }

    /** The same launch, joining these cgroups first. */
    public Launch joining(List<CgroupJoin> j) {
        return new Launch(argv, env, held, j, what, started, ownSession, stopsItself);
    }

    /** The same launch, with this run once it has started. */
    public Launch then(Started s) {
        return new Launch(argv, env, held, joins, what, s, ownSession, stopsItself);
    }

    /** The same launch run by nscope's helper, which makes its own session and, when asked, stops itself first. */
    public Launch byHelper(boolean stops) {
        return new Launch(argv, env, held, joins, what, started, true, stops);
    }

    @Override
    public void close() {
        held.forEach(Fd::close);
    }
}
