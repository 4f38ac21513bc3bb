package nscope.app.container.confine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Docker's real default profile, evaluated for a container: what is allowed, under which conditions. */
class SeccompProfileTest {
    private static List<String> docker(String... added) {
        return docker("amd64", 6, 18, added);
    }

    private static List<String> docker(String arch, int major, int minor, String... added) {
        Set<String> caps = new HashSet<>(Capabilities.DEFAULTS);
        caps.addAll(List.of(added));
        return SeccompProfile.lines(caps, arch, major, minor);
    }

    /** The rule lines for one syscall. */
    private static List<String> of(List<String> lines, String name) {
        return lines.stream()
                .filter(l -> l.startsWith("sc ") && l.split(" ")[2].equals(name))
                .collect(Collectors.toList());
    }

    private static boolean allowed(List<String> lines, String name) {
        return of(lines, name).stream().anyMatch(l -> l.split(" ")[1].equals("allow"));
    }

    @Test
    void startsWithTheDefaultActionEperm() {
        assertEquals("sc-default errno 1", docker().get(0));
    }

    @Test
    void everyLineIsWellFormedAndOnce() {
        List<String> lines = docker();
        assertEquals(lines.size(), new HashSet<>(lines).size(), "no line twice");
        for (String l : lines.subList(1, lines.size()))
            assertTrue(
                    l.matches("sc (allow|errno:\\d+|kill|trap|log) [a-z0-9_]+"
                            + "( [0-5]:(ne|lt|le|eq|ge|gt|masked_eq):\\d+:\\d+)*"),
                    l);
        assertTrue(lines.size() > 300, "the profile's common list: " + lines.size());
    }

    @Test
    void commonSyscallsAreAllowedUnconditionally() {
        List<String> lines = docker();
        // chroot: SYS_CHROOT is one of Docker's defaults
        for (String name : List.of("read", "write", "execve", "openat", "exit_group", "wait4", "chroot"))
            assertEquals(List.of("sc allow " + name), of(lines, name));
    }

    @Test
    void dangerousSyscallsAreNotAllowedWithDockersDefaults() {
        List<String> lines = docker();
        for (String name : List.of(
                "kexec_load",
                "init_module",
                "finit_module",
                "delete_module",
                "open_by_handle_at",
                "bpf",
                "perf_event_open",
                "keyctl",
                "add_key",
                "request_key",
                "mount",
                "umount2",
                "pivot_root",
                "unshare",
                "setns",
                "reboot",
                "swapon",
                "swapoff",
                "acct",
                "iopl",
                "ioperm",
                "settimeofday",
                "clock_settime",
                "kcmp",
                "syslog")) assertFalse(allowed(lines, name), name + ": " + of(lines, name));
    }

    @Test
    void cloneOnlyWithoutNamespaceFlagsAndClone3Enosys() {
        List<String> lines = docker();
        assertEquals(List.of("sc allow clone 0:masked_eq:2114060288:0"), of(lines, "clone"));
        assertEquals(List.of("sc errno:38 clone3"), of(lines, "clone3"));
    }

    @Test
    void socketAndPersonalityKeepTheirConditions() {
        List<String> lines = docker();
        assertEquals(
                List.of("sc allow socket 0:lt:38:0", "sc allow socket 0:eq:39:0", "sc allow socket 0:gt:40:0"),
                of(lines, "socket"));
        assertEquals(
                List.of(
                        "sc allow personality 0:eq:0:0",
                        "sc allow personality 0:eq:8:0",
                        "sc allow personality 0:eq:131072:0",
                        "sc allow personality 0:eq:131080:0",
                        "sc allow personality 0:eq:4294967295:0"),
                of(lines, "personality"));
    }

    @Test
    void architectureSpecificEntries() {
        List<String> amd64 = docker(), arm64 = docker("arm64", 6, 18);
        for (String name : List.of("arch_prctl", "modify_ldt")) {
            assertEquals(List.of("sc allow " + name), of(amd64, name));
            assertEquals(List.of(), of(arm64, name));
        }
        assertTrue(allowed(arm64, "arm_fadvise64_64"));
        assertFalse(allowed(amd64, "arm_fadvise64_64"));
        assertFalse(allowed(amd64, "s390_runtime_instr"));
        // the s390 clone rule (argument 1) is for s390 only
        assertEquals(List.of("sc allow clone 0:masked_eq:2114060288:0"), of(arm64, "clone"));
        assertEquals(List.of("sc allow clone 1:masked_eq:2114060288:0"), of(docker("s390x", 6, 18), "clone"));
    }

    @Test
    void sysAdminOpensNamespacesAndMounts() {
        List<String> lines = docker("SYS_ADMIN");
        for (String name : List.of("mount", "umount2", "unshare", "setns", "clone", "clone3", "bpf"))
            assertEquals(List.of("sc allow " + name), of(lines, name), name);
        assertFalse(lines.contains("sc errno:38 clone3"));
    }

    @Test
    void someSyscallsNoCapabilityAllows() {
        List<String> lines = SeccompProfile.lines(Capabilities.ALL, "amd64", 6, 18);
        for (String name : List.of("pivot_root", "keyctl", "add_key", "request_key", "swapon", "kexec_load"))
            assertEquals(List.of(), of(lines, name), name);
    }

    @Test
    void capabilityEntries() {
        assertTrue(allowed(docker("SYS_PTRACE"), "kcmp"));
        assertFalse(allowed(docker("SYS_PTRACE", "SYS_ADMIN"), "reboot"));
        assertTrue(allowed(docker("SYS_BOOT"), "reboot"));
        assertTrue(allowed(docker("SYS_MODULE"), "finit_module"));
        assertTrue(allowed(docker("DAC_READ_SEARCH"), "open_by_handle_at"));
        assertEquals(List.of("sc allow bpf"), of(docker("BPF", "SYS_ADMIN"), "bpf"), "the same line only once");
        assertEquals(List.of("sc allow ptrace"), of(docker("SYS_PTRACE"), "ptrace"));
    }

    @Test
    void oldKernelsSkipTheMinKernelEntry() {
        List<String> old = docker("amd64", 4, 4);
        assertFalse(allowed(old, "ptrace"));
        assertFalse(allowed(old, "process_vm_readv"));
        assertTrue(allowed(docker("amd64", 4, 8), "ptrace"), "4.8 is new enough");
        assertTrue(allowed(docker("amd64", 5, 0), "process_vm_writev"));
        assertTrue(allowed(docker("amd64", 4, 4, "SYS_PTRACE"), "ptrace"), "the capability's entry has no minimum");
        assertTrue(allowed(docker(), "ptrace"));
    }

    @Test
    void droppingDefaultsStillLeavesCapabilityFreeRules() {
        List<String> none = SeccompProfile.lines(Set.of(), "amd64", 6, 18);
        assertTrue(allowed(none, "read"));
        assertEquals(List.of("sc errno:38 clone3"), of(none, "clone3"));
    }

    @Test
    void architectureNames() {
        assertEquals("amd64", SeccompProfile.arch("amd64"));
        assertEquals("amd64", SeccompProfile.arch("x86_64"));
        assertEquals("arm64", SeccompProfile.arch("aarch64"));
        assertEquals("s390x", SeccompProfile.arch("s390x"));
    }
}
