package nscope.probes.lens;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import nscope.kernel.DevIno;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.NsHandle;
import nscope.probes.lens.TaskLens.Gap;
import nscope.probes.model.NsId;
import nscope.probes.readout.Readout;

/**
 * ns_last_pid of every pid namespace of a task's struct pid. The kernel answers
 * /proc/sys/kernel/ns_last_pid for the READER's active pid namespace, whatever path leads to the file,
 * so each is read by a short-lived child placed in that namespace, as {@code nsenter -p} places it:
 * util-linux's nsenter enters the namespace (opened by nscope from the task's pid link and the
 * NS_GET_PARENT chain above it, so what is read is the namespace the lens names) and forks cat, which
 * reads the file. That child takes a PID in the namespace and in every one above it, so the figure is
 * "the last PID allocated there, the reader's own included". The namespaces are read from the task's
 * up to the host's: no later reader takes a PID in a namespace already read, so each figure is still
 * the namespace's ns_last_pid when the lens is done (unless something else forked there meanwhile).
 */
final class LastPids {
    /** One namespace's figure, or why there is none, and when it was read. */
    record Reading(Long value, Gap gap, Instant at) {}

    static final String RECORDED =
            "ns_last_pid is read live, by a child placed in the pid namespace;" + " a recording holds no such reading";
    private static final long TIMEOUT_MS = 5000;

    private LastPids() {}

    /** Every level's reading, host first; {@code levels} are the namespaces the lens found, host first. */
    static List<Reading> read(
            Reads reads, Path pidLink, List<Readout<NsId>> levels, boolean live, java.time.Clock clock) {
        Instant now = clock.instant();
        if (!live) return all(levels.size(), new Gap(Reads.RECORDING, RECORDED), now);
        Kernel k;
        try {
            k = Kernel.shared();
        } catch (KernelException e) {
            return all(levels.size(), new Gap("read error", "cannot bind the C library: " + e.getMessage()), now);
        }
        List<NsHandle> chain = new ArrayList<>(); // the task's namespace first, then each parent
        try {
            try {
                chain.add(NsHandle.open(k, pidLink.toString()));
                for (Optional<NsHandle> up = chain.get(0).parent();
                        up.isPresent();
                        up = up.get().parent()) {
                    chain.add(up.get());
                    if (chain.size() > levels.size()) break;
                }
            } catch (KernelException e) {
                String why = e.errno().meansPermission() ? "permission" : "read error";
                return all(levels.size(), new Gap(why, e.getMessage()), now);
            }
            return readChain(reads, chain, levels);
        } finally {
            for (NsHandle h : chain) h.close();
        }
    }

    private static List<Reading> readChain(Reads reads, List<NsHandle> chain, List<Readout<NsId>> levels) {
        Reading[] out = new Reading[levels.size()];
        for (int i = 0; i < chain.size() && i < levels.size(); i++) {
            int level = levels.size() - 1 - i;
            NsHandle h = chain.get(i);
            Readout<NsId> want = levels.get(level);
            try {
                DevIno di = h.devIno();
                if (!want.known() || want.get().ino() != di.ino()) {
                    out[level] = new Reading(
                            null,
                            new Gap(
                                    "read error",
                                    "the namespace at level " + level + " is pid:[" + Long.toUnsignedString(di.ino())
                                            + "] through NS_GET_PARENT, not the one its status names"),
                            Instant.now());
                    continue;
                }
            } catch (KernelException e) {
                out[level] = new Reading(null, new Gap("read error", e.getMessage()), Instant.now());
                continue;
            }
            out[level] = inside(reads, h);
        }
        for (int level = 0; level < out.length; level++)
            if (out[level] == null)
                out[level] = new Reading(
                        null,
                        new Gap("not provided by kernel", "NS_GET_PARENT stops above level " + level),
                        Instant.now());
        return Arrays.asList(out);
    }

    /** nsenter --pid=/proc/NSCOPE/fd/N -- cat /proc/sys/kernel/ns_last_pid: cat is the reader, in that namespace. */
    private static Reading inside(Reads reads, NsHandle h) {
        Path self = reads.proc().resolve(Long.toString(ProcessHandle.current().pid()));
        String via =
                self.resolve("fd").resolve(Integer.toString(h.fd().number())).toString();
        String file = reads.proc().resolve("sys/kernel/ns_last_pid").toString();
        ProcessBuilder pb = new ProcessBuilder("nsenter", "--pid=" + via, "--", "cat", file);
        pb.environment().keySet().retainAll(List.of("PATH"));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Instant at = Instant.now();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Reading(null, new Gap("read error", "cannot run nsenter: " + e.getMessage()), at);
        }
        try (InputStream out = p.getInputStream();
                InputStream err = p.getErrorStream()) {
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Reading(null, new Gap("read error", "nsenter did not answer in 5 s"), at);
            }
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            String error = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !text.matches("[0-9]{1,10}"))
                return new Reading(null, new Gap("read error", failure(p.exitValue(), error, text)), at);
            return new Reading(Long.parseLong(text), null, at);
        } catch (IOException e) {
            return new Reading(null, new Gap("read error", "nsenter: " + e.getMessage()), at);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Reading(null, new Gap("read error", "interrupted"), at);
        }
    }

    private static String failure(int exit, String error, String text) {
        String said = (error.isEmpty() ? text : error).lines().findFirst().orElse("");
        if (said.contains("Cannot allocate memory"))
            return "no process can be made in it (its PID 1 has exited, so the kernel allocates no PID there): " + said;
        return "nsenter exited " + exit + (said.isEmpty() ? "" : ": " + said);
    }

    private static List<Reading> all(int n, Gap gap, Instant at) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Reading(null, gap, at));
        return out;
    }
}
