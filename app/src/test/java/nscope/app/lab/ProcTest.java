package nscope.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcTest {
    @Test
    void aProcSysNumberReadsWhole() throws Exception {
        // a sysctl number answers only at offset 0: read a byte at a time it is cut to its first digit
        Path p = Path.of("/proc/sys/kernel/pid_max");
        String whole = Files.readAllLines(p).get(0).strip();
        assertEquals(whole, Proc.read(p));
        assertEquals(whole.length() > 1, true, "pid_max has more than one digit: " + whole);
    }

    @Test
    void aFileThatCannotBeReadIsNull() {
        assertNull(Proc.read(Path.of("/proc/self/no-such-file")));
    }
}
