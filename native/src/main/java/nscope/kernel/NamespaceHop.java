package nscope.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs a read inside other namespaces without moving any JVM thread that
 * lives on: each hop starts a fresh platform thread, which calls setns(2)
 * and then the read, and ends. setns changes only the calling thread, so
 * no other thread ever sees a foreign namespace.
 *
 * Only uts, net, ipc and cgroup namespaces can be entered this way: the
 * kernel refuses mnt and user (EINVAL) and time (EUSERS) to a multithreaded
 * process, and a pid namespace would only apply to children, breaking
 * thread creation. Those reads belong in a child process.
 *
 * A new thread inherits its creator's namespaces, so the read must not
 * start threads (thread pools, parallel streams, ProcessBuilder's reaper):
 * they would live on in the foreign namespace.
 *
 * inside() returns once the hop thread has ended for Java (Thread.join). Its
 * kernel task lives a few milliseconds longer while the JVM tears it down,
 * still in the foreign namespaces but running no Java code: a scan of
 * /proc/PID/task at that moment sees it there.
 */
public final class NamespaceHop {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<NsType> JOINABLE = EnumSet.of(NsType.UTS, NsType.NET, NsType.IPC, NsType.CGROUP);

    private final Kernel kernel;
    private final Duration timeout;

    public NamespaceHop(Kernel kernel) {
        this(kernel, DEFAULT_TIMEOUT);
    }

    public NamespaceHop(Kernel kernel, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        this.kernel = kernel;
        this.timeout = timeout;
    }

    /** Runs read inside ns and returns its result. ns stays open and owned by the caller. */
    public <T> T inside(NsHandle ns, Callable<T> read) throws KernelException, HopException {
        return inside(List.of(ns), read);
    }

    /**
     * Runs read inside all the wanted namespaces at once (at most one of each type,
     * e.g. net and uts), on one fresh thread that joins them in the order given.
     *
     * @throws IllegalArgumentException for a type that cannot be joined here, or two of one type
     * @throws KernelException when setns fails (the read did not run)
     * @throws HopException when the read threw, timed out or the caller was interrupted
     */
    public <T> T inside(List<NsHandle> wanted, Callable<T> read) throws KernelException, HopException {
        List<NsHandle> namespaces = List.copyOf(wanted); // checked once, so it must not change afterwards
        check(namespaces);
        FutureTask<T> task = new FutureTask<>(() -> {
            for (NsHandle ns : namespaces) {
                try {
                    kernel.setns(ns.fd(), ns.type().flag());
                } catch (KernelException e) {
                    throw new SetnsFailed(e);
                }
            }
            return read.call();
        });
        Thread t = new Thread(task, "nscope-hop " + describe(namespaces));
        // a read stuck past the timeout must not keep the JVM from exiting
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            T result = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            // wait for the thread to end for Java too, so no hop thread runs once we return
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SetnsFailed s) throw s.failure;
            if (cause instanceof Error err) throw err;
            throw new HopException("read inside " + describe(namespaces) + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new HopException(
                    "read inside " + describe(namespaces) + " did not finish within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new HopException("interrupted while reading inside " + describe(namespaces), e);
        }
    }

    /** What one step of {@link #each} gave: its value, or what failed (a KernelException from setns, or what the read threw). */
    public record Step<T>(T value, Exception failure) {}

    /**
     * Runs read inside each namespace in turn, all on one fresh thread: each
     * setns replaces the namespace of that type the thread joined before, so
     * many namespaces of one type cost one thread instead of one each.
     * Results are in the order of {@code each}; one that failed does not stop
     * the rest.
     *
     * @throws IllegalArgumentException for a type that cannot be joined here
     * @throws HopException when the whole sequence timed out or the caller was interrupted
     */
    public <T> List<Step<T>> each(List<NsHandle> each, java.util.function.Function<NsHandle, Callable<T>> read)
            throws HopException {
        List<NsHandle> namespaces = List.copyOf(each);
        return tour(namespaces.stream().map(List::of).toList(), i -> read.apply(namespaces.get(i)));
    }

    /**
     * Runs read i inside the namespaces of step i (at most one of each type), step after step on one fresh
     * thread: many hops for the price of one thread. A step's setns replaces, type by type, what the steps
     * before joined; a type it does not name stays where an earlier step left it, so a read must depend on
     * its own step's types only (a hostname on uts, a netlink socket on net). A step whose setns failed
     * does not run its read (its failure is the KernelException); one that failed does not stop the rest.
     *
     * @throws IllegalArgumentException for a type that cannot be joined here, or two of one type in a step
     * @throws HopException when the whole tour timed out or the caller was interrupted
     */
    public <T> List<Step<T>> tour(List<List<NsHandle>> steps, java.util.function.IntFunction<Callable<T>> read)
            throws HopException {
        List<List<NsHandle>> tour = steps.stream().map(List::copyOf).toList();
        for (List<NsHandle> step : tour) check(step);
        if (tour.isEmpty()) return List.of();
        FutureTask<List<Step<T>>> task = new FutureTask<>(() -> {
            List<Step<T>> out = new ArrayList<>();
            for (int i = 0; i < tour.size(); i++) {
                try {
                    for (NsHandle ns : tour.get(i))
                        kernel.setns(ns.fd(), ns.type().flag());
                    out.add(new Step<>(read.apply(i).call(), null));
                } catch (Exception e) {
                    out.add(new Step<>(null, e));
                }
            }
            return out;
        });
        Thread t = new Thread(task, "nscope-hop tour of " + tour.size());
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<Step<T>> result = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            return result;
        } catch (ExecutionException e) {
            throw new HopException("reads inside " + tour.size() + " steps failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            t.interrupt();
            throw new HopException(
                    "reads inside " + tour.size() + " steps did not finish within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new HopException("interrupted while reading inside " + tour.size() + " steps", e);
        }
    }

    private static void check(List<NsHandle> namespaces) {
        if (namespaces.isEmpty()) throw new IllegalArgumentException("no namespace to hop into");
        Set<NsType> seen = EnumSet.noneOf(NsType.class);
        for (NsHandle ns : namespaces) {
            NsType type = ns.type();
            if (!JOINABLE.contains(type))
                throw new IllegalArgumentException("cannot hop into " + ns + ": " + whyNot(type));
            ns.fd().number(); // a closed handle fails here, on the caller's thread, not as a failed read
            if (!seen.add(type))
                throw new IllegalArgumentException(
                        "two " + type + " namespaces in one hop: the second would replace the first");
        }
    }

    private static String whyNot(NsType type) {
        return switch (type) {
            case MNT ->
                "the kernel lets only a single-threaded process (no shared fs_struct) join a mount namespace; read it in a child process";
            case USER ->
                "the kernel lets only a single-threaded process join a user namespace; read it in a child process";
            case TIME ->
                "the kernel lets only a single-threaded process join a time namespace (EUSERS: it changes the clocks of the whole process); read it in a child process";
            case PID ->
                "setns into a pid namespace only places future children there and breaks thread creation; read it in a child process";
            default -> type + " namespaces are not joinable";
        };
    }

    private static String describe(List<NsHandle> namespaces) {
        List<String> parts = new ArrayList<>();
        for (NsHandle ns : namespaces) parts.add(ns.type() + " " + ns.what());
        return parts.stream().collect(Collectors.joining(", "));
    }

    /** Marks a setns failure on the hop thread, so it is told apart from what the read threw. */
    private static final class SetnsFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final transient KernelException failure;

        SetnsFailed(KernelException failure) {
            super(failure);
            this.failure = failure;
        }
    }
}
