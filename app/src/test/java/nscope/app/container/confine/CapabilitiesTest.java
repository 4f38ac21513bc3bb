package nscope.app.container.confine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nscope.act.ActionException;
import org.junit.jupiter.api.Test;

/** Docker's --cap-add / --cap-drop / --privileged, and the capability numbers the kernel uses. */
class CapabilitiesTest {
    private static final List<String> DOCKER_14 = List.of(
            "CHOWN",
            "DAC_OVERRIDE",
            "FOWNER",
            "FSETID",
            "KILL",
            "SETGID",
            "SETUID",
            "SETPCAP",
            "NET_BIND_SERVICE",
            "NET_RAW",
            "SYS_CHROOT",
            "MKNOD",
            "AUDIT_WRITE",
            "SETFCAP");

    private static List<String> resolve(List<String> add, List<String> drop) throws ActionException {
        return new ArrayList<>(Capabilities.resolve(add, drop, false));
    }

    @Test
    void defaultsAreDockersFourteenInNumberOrder() throws Exception {
        assertEquals(DOCKER_14, resolve(List.of(), List.of()));
        assertEquals(DOCKER_14, new ArrayList<>(Capabilities.DEFAULTS));
    }

    @Test
    void addAndDrop() throws Exception {
        List<String> caps = resolve(List.of("NET_ADMIN"), List.of("MKNOD"));
        assertEquals(14, caps.size());
        assertTrue(caps.contains("NET_ADMIN") && !caps.contains("MKNOD"), caps.toString());
        assertEquals(caps.indexOf("NET_ADMIN") + 1, caps.indexOf("NET_RAW"), "in number order: 12 then 13");
        assertEquals(List.of("CHOWN"), resolve(List.of("CHOWN"), List.of("ALL")));
        assertEquals(List.of(), resolve(List.of(), List.of("all")));
    }

    @Test
    void allAndPrivileged() throws Exception {
        assertEquals(41, resolve(List.of("ALL"), List.of()).size());
        List<String> allButOne = resolve(List.of("all"), List.of("SYS_ADMIN"));
        assertEquals(40, allButOne.size());
        assertTrue(!allButOne.contains("SYS_ADMIN"));
        assertEquals(Capabilities.ALL, Capabilities.resolve(List.of(), List.of("ALL"), true));
        assertEquals("CHECKPOINT_RESTORE", new ArrayList<>(Capabilities.ALL).get(40));
    }

    @Test
    void namesInAnyCaseWithOrWithoutPrefix() throws Exception {
        List<String> caps = resolve(List.of("cap_net_admin", "Sys_Ptrace", "CAP_BPF"), List.of("cap_mknod"));
        assertTrue(
                caps.containsAll(List.of("NET_ADMIN", "SYS_PTRACE", "BPF")) && !caps.contains("MKNOD"),
                caps.toString());
    }

    @Test
    void bothAddedAndDroppedIsKeptAsMobyDoes() throws Exception {
        assertTrue(resolve(List.of("NET_ADMIN"), List.of("NET_ADMIN")).contains("NET_ADMIN"));
        assertTrue(resolve(List.of("CHOWN"), List.of("chown")).contains("CHOWN"));
    }

    @Test
    void unknownNamesAreRefused() {
        for (String bad : List.of("FLY", "CAP_ALL", "")) {
            ActionException e = assertThrows(ActionException.class, () -> resolve(List.of(bad), List.of()));
            assertTrue(
                    e.getMessage().contains("\"" + bad + "\"") && e.getMessage().contains("ALL"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
        // refused even when privileged, and in drop
        assertThrows(ActionException.class, () -> Capabilities.resolve(List.of(), List.of("NET_FLY"), true));
    }

    @Test
    void resultIsUnmodifiable() throws Exception {
        Set<String> caps = Capabilities.resolve(List.of(), List.of(), false);
        assertThrows(UnsupportedOperationException.class, () -> caps.add("SYS_ADMIN"));
    }

    @Test
    void numbersAndNames() {
        assertEquals(0, Capabilities.number("CHOWN"));
        assertEquals(21, Capabilities.number("cap_sys_admin"));
        assertEquals(40, Capabilities.number("CHECKPOINT_RESTORE"));
        assertEquals(-1, Capabilities.number("FLY"));
        assertEquals("NET_RAW", Capabilities.name(13));
        assertThrows(IllegalArgumentException.class, () -> Capabilities.name(41));
    }

    @Test
    void masks() {
        // Docker's default CapBnd as seen in /proc/self/status inside a container
        assertEquals(0xa80425fbL, Capabilities.mask(Capabilities.DEFAULTS));
        assertEquals(Capabilities.DEFAULTS, Capabilities.ofMask(0xa80425fbL));
        assertEquals(Capabilities.ALL, Capabilities.ofMask(Capabilities.mask(Capabilities.ALL)));
        assertEquals(Set.of("SYS_ADMIN", "BPF"), Capabilities.ofMask((1L << 21) | (1L << 39) | (1L << 63)));
        assertEquals(0L, Capabilities.mask(Set.of()));
    }

    @Test
    void boundingFromProcStatus() {
        String status = "Name:\tcat\nUmask:\t0022\nState:\tR (running)\nCapInh:\t0000000000000000\n"
                + "CapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n"
                + "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\n";
        assertEquals(0x1ffffffffffL, Capabilities.bounding(status));
        assertEquals(Capabilities.ALL, Capabilities.ofMask(Capabilities.bounding(status)));
        assertEquals(Capabilities.DEFAULTS, Capabilities.ofMask(Capabilities.bounding("CapBnd:\t00000000a80425fb\n")));
        assertThrows(IllegalArgumentException.class, () -> Capabilities.bounding("Name:\tcat\n"));
    }
}
