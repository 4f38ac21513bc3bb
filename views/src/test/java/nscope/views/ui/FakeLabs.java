package nscope.views.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import nscope.views.lab.LabDriver;

/**
 * Labs over plain data for the screen's tests: "fake" has two steps (the first follows a task, the second a
 * namespace), "refused" cannot run here; each future is complete at once, as a lab's thread would leave it.
 */
final class FakeLabs implements LabDriver {
    final int tid;
    final String nsType;
    final long nsInode;
    final List<String> calls = new ArrayList<>();

    FakeLabs(int tid, String nsType, long nsInode) {
        this.tid = tid;
        this.nsType = nsType;
        this.nsInode = nsInode;
    }

    static final String REFUSAL =
            "the lab refused cannot run here: it needs the cgroup v1 memory controller, which this host does not mount";

    @Override
    public List<Listed> labs() {
        return List.of(new Listed("fake", "a lab over plain data"), new Listed("refused", "a lab that cannot run"));
    }

    @Override
    public String refusal(String name) {
        return name.equals("refused") ? REFUSAL : null;
    }

    @Override
    public CompletableFuture<Session> open(String name) {
        calls.add("open " + name);
        return CompletableFuture.completedFuture(new Session() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String title() {
                return "a lab over plain data";
            }

            @Override
            public List<Plan> steps() {
                return List.of(
                        new Plan(
                                "start a process",
                                "It starts one.",
                                List.of("unshare --pid -- nscope-init lab puppet"),
                                "Because the kernel says so (seed 000)."),
                        new Plan(
                                "a namespace",
                                "It makes one.",
                                List.of("unshare --pid --fork -- nscope-init lab puppet"),
                                "A namespace is a kernel object (seed 001)."));
            }

            @Override
            public CompletableFuture<Done> next() {
                int i = (int) calls.stream().filter(c -> c.startsWith("next")).count();
                calls.add("next " + i);
                Done d = i == 0
                        ? new Done(
                                0,
                                List.of(new Command(
                                        "unshare --pid -- nscope-init lab puppet &",
                                        -1,
                                        List.of("started: PID " + tid, "evil \u001b[31mred"))),
                                List.of(
                                        new Observation("the caller stays where it was", true, "pid:[1]"),
                                        new Observation("pid_for_children unreadable", false, "readable")),
                                Focus.task(tid),
                                false)
                        : new Done(
                                1,
                                List.of(new Command("fork", 0, List.of("child 5 1"))),
                                List.of(new Observation("its child is PID 1", true, "NSpid: 5 1")),
                                Focus.ns(nsType, nsInode),
                                false);
                return CompletableFuture.completedFuture(d);
            }

            @Override
            public CompletableFuture<List<String>> close() {
                calls.add("close");
                return CompletableFuture.completedFuture(List.of());
            }
        });
    }
}
