package nscope.app.container;

/** For the crash tests only (NSCOPE_TEST_KILL_AT): this nscope ends by SIGKILL, as kill -9 would end it, at a chosen step. */
final class Suicide {
    private Suicide() {}

    static void now() {
        try {
            nscope.kernel.Kernel k = nscope.kernel.Kernel.shared();
            k.pidfdSendSignal(k.pidfdOpen((int) ProcessHandle.current().pid()), 9);
            Thread.sleep(10_000); // the signal takes effect before this ends
        } catch (nscope.kernel.KernelException | InterruptedException e) {
            Runtime.getRuntime().halt(137);
        }
    }
}
