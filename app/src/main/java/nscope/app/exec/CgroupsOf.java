package nscope.app.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.act.ActionException;
import nscope.act.Launch;
import nscope.probes.CgroupMounts;
import nscope.probes.cgroups.CgroupLine;
import nscope.probes.cgroups.Hierarchy;
import nscope.probes.parse.CgroupText;
import nscope.probes.source.Host;

/** The cgroups of a process in every mounted hierarchy, as places another process can join. */
final class CgroupsOf {
    private CgroupsOf() {}

    static List<Launch.CgroupJoin> process(int pid) throws ActionException {
        String text;
        try {
            text = new String(
                    Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cgroup")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ActionException(
                    "cannot read the cgroups of PID " + pid + " (" + e.getMessage() + "): nothing started");
        }
        List<CgroupLine> lines;
        try {
            lines = CgroupText.procLines(text);
        } catch (nscope.probes.parse.Malformed e) {
            throw new ActionException("/proc/" + pid + "/cgroup: " + e.getMessage() + ": nothing started");
        }
        List<Launch.CgroupJoin> out = new ArrayList<>();
        List<Hierarchy> mounted = CgroupMounts.of(Host.live());
        for (CgroupLine line : lines) {
            for (Hierarchy h : mounted) {
                if (!h.matches(line)) continue;
                String path = line.path();
                if (!h.mountRoot().equals("/")) {
                    if (!path.startsWith(h.mountRoot())) continue; // outside the subtree mounted here
                    path = path.substring(h.mountRoot().length());
                    if (path.isEmpty()) path = "/";
                }
                out.add(new Launch.CgroupJoin(h.mountPoint(), h.version(), path, h.label() + ":" + line.path()));
                break; // one mount of each hierarchy
            }
        }
        return out;
    }
}
