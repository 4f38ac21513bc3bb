package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import nscope.testkit.LiveTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** pidfd_open and pidfd_send_signal against a real process. */
@Timeout(60)
@LiveTest
class PidfdTest {
    static Kernel k;

    @BeforeAll
    static void setUp() throws Exception {
        k = Kernel.load();
    }

    @Test
    void signalZeroChecksSigkillKillsThenEsrch() throws Exception {
        try (Child c = new Child("sleep", "600");
                Fd pidfd = k.pidfdOpen(c.pid())) {
            assertEquals("pidfd of PID " + c.pid(), pidfd.what());
            k.pidfdSendSignal(pidfd, 0);
            assertTrue(c.process().isAlive(), "signal 0 only checks");
            k.pidfdSendSignal(pidfd, 9);
            assertTrue(c.process().waitFor(10, TimeUnit.SECONDS), "SIGKILL by pidfd ended it");
            assertEquals(137, c.process().exitValue());
            KernelException e = assertThrows(KernelException.class, () -> k.pidfdSendSignal(pidfd, 0));
            assertEquals(Errno.ESRCH, e.errno(), e.getMessage());
            assertTrue(e.getMessage().contains("the process has exited"), e.getMessage());
        }
    }

    @Test
    void pidfdOpenOfAReapedProcessIsEsrch() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
        KernelException e = assertThrows(KernelException.class, () -> k.pidfdOpen((int) p.pid()));
        assertEquals(Errno.ESRCH, e.errno(), e.getMessage());
        assertEquals("pidfd_open PID " + p.pid() + ": the process has exited (ESRCH)", e.getMessage());
    }
}
