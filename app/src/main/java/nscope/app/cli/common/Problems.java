package nscope.app.cli.common;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.NsLink;
import nscope.probes.model.ScanProblem;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;
import nscope.views.text.Escape;

/** One stderr line per kind of thing a scan could not read, so nothing is hidden and nothing floods. */
public final class Problems {
    private Problems() {}

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    public static void summarize(Snapshot s, PrintWriter err) {
        Map<Unknown.Reason, Integer> byReason = new TreeMap<>();
        String example = null;
        for (ScanProblem p : s.problems()) {
            byReason.merge(p.why().reason(), 1, Integer::sum);
            if (example == null) example = p.toString();
        }
        int permission = 0;
        for (Task t : s.tasks().values()) {
            for (NsLink l : NsLink.values()) {
                Readout<?> r = t.ns(l);
                if (!r.known() && r.why().reason() == Unknown.Reason.PERMISSION) {
                    permission++;
                    break;
                }
            }
        }
        if (permission > 0)
            err.println("nscope: the namespaces of " + permission + (permission == 1 ? " task are" : " tasks are")
                    + " unknown: the kernel refused access"
                    + (isRoot() ? " (they hold capabilities this root lacks)" : "; run as root for the full view"));
        byReason.forEach((reason, n) -> err.println("nscope: " + n + " reads failed (" + reason.label()
                + "); 'nscope snapshot --json' lists them under \"problems\""));
        if (example != null) err.println("nscope: first: " + Escape.terminal(example));
    }
}
