package nscope.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a step on a new thread that is thrown away: for tests that call
 * setns(2) or drop capabilities directly, which must not touch the JUnit thread.
 */
final class FreshThread {
    private FreshThread() {}

    /** What the step returned, or the exception it threw (as a value, for the test to check). */
    static Object run(Callable<?> step) throws InterruptedException {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        out.set(step.call());
                    } catch (Exception e) {
                        out.set(e);
                    }
                },
                "nscope-test-fresh");
        t.start();
        t.join(10_000);
        if (t.isAlive()) throw new IllegalStateException("step did not finish in 10 s");
        return out.get();
    }
}
