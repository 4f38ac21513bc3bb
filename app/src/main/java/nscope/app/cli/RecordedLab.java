package nscope.app.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import nscope.app.lab.Lab;
import nscope.app.lab.Step;
import nscope.app.lab.labs.Labs;
import nscope.probes.model.NsLink;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.lab.LabDriver;

/**
 * For the screenshots only: pid-fork's real steps, with its first two steps' results as a run records
 * them, played over a recorded host (a lab cannot run on a fixture): the caller is a process of the
 * fixture whose child is PID 1 of a pid namespace, the child that process. Nothing is run.
 */
final class RecordedLab implements LabDriver {
    private final Lab lab = Labs.named("pid-fork").orElseThrow();
    private final Task child;
    private final Snapshot snapshot;

    /** The first process of the snapshot that is PID 1 of a pid namespace one level down. */
    RecordedLab(Snapshot s) {
        this.snapshot = s;
        this.child = s.tasks().values().stream()
                .filter(t -> t.leader() && t.nsPid().known())
                .filter(t -> t.nsPid().get().size() == 2 && t.nsPid().get().get(1) == 1)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("the recorded host has no PID 1 of a child pid namespace"));
    }

    @Override
    public List<Listed> labs() {
        return Labs.ALL.stream().map(l -> new Listed(l.name(), l.title())).toList();
    }

    @Override
    public String refusal(String name) {
        return null;
    }

    @Override
    public CompletableFuture<Session> open(String name) {
        return CompletableFuture.completedFuture(new Session() {
            private int next;

            @Override
            public String name() {
                return lab.name();
            }

            @Override
            public String title() {
                return lab.title();
            }

            @Override
            public List<Plan> steps() {
                return lab.steps().stream()
                        .map((Step s) -> new Plan(s.title(), s.does(), s.plan(), s.why()))
                        .toList();
            }

            @Override
            public CompletableFuture<Done> next() {
                return CompletableFuture.completedFuture(next++ == 0 ? unshared() : firstChild());
            }

            @Override
            public CompletableFuture<List<String>> close() {
                return CompletableFuture.completedFuture(List.of());
            }
        });
    }

    private Done unshared() {
        String ns = pidNs(snapshot.task(child.ppid()).orElse(child));
        return new Done(
                0,
                List.of(new Command(
                        "unshare --pid -- nscope-init lab puppet &", -1, List.of("started: PID " + child.ppid()))),
                List.of(
                        new Observation("the caller stays in its pid namespace", true, ns + ", nscope's " + ns),
                        new Observation(
                                "pid_for_children unreadable: no PID 1 yet",
                                true,
                                "readlink /proc/" + child.ppid() + "/ns/pid_for_children: ENOENT")),
                Focus.task(child.ppid()),
                false);
    }

    private static String pidNs(Task t) {
        var id = t.ns(NsLink.PID);
        return "pid:[" + (id.known() ? Long.toUnsignedString(id.get().ino()) : "?") + "]";
    }

    private Done firstChild() {
        int host = child.tid();
        String ns = pidNs(child);
        return new Done(
                1,
                List.of(new Command(
                        "puppet " + child.ppid() + " < fork", 0, List.of("child " + host + " 1", "fork ok " + host))),
                List.of(
                        new Observation("the child is PID 1 in the new namespace", true, "its NSpid: " + host + " 1"),
                        new Observation("the caller's pid_for_children now names it", true, "pid_for_children " + ns),
                        new Observation("the child's pid link is that namespace", true, ns)),
                Focus.task(host),
                false);
    }
}
