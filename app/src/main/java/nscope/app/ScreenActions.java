package nscope.app;

import java.util.ArrayList;
import java.util.List;
import nscope.act.ActionException;
import nscope.act.CgroupWrites;
import nscope.act.Signals;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.views.ui.Actions;

/** The live screen's actions on the host: signals bound to start times, each attempt in the audit log. */
final class ScreenActions implements Actions {
    private final Audited audited;

    private ScreenActions(AuditLog log) { this.audited = new Audited(log); }

    /** Read-only with --read-only, or when not root (what could be changed would mostly be refused); else the real ones. */
    static Actions of(boolean readOnly, boolean live) {
        if (readOnly) return Actions.readOnly("started with --read-only");
        if (!live) return Actions.readOnly("a recorded host (--root) is only shown");
        if (!AuditLog.isRoot()) return Actions.readOnly("not root: signals to other users' processes and cgroup changes need root");
        return new ScreenActions(AuditLog.of(System.getenv()));
    }

    @Override public String refusal() { return null; }

    @Override public List<String> signals() { return List.copyOf(Signals.BY_NAME.keySet()); }

    @Override public String signal(List<Target> targets, String name) {
        Kernel kernel;
        try {
            kernel = Kernel.shared();
        } catch (KernelException e) {
            return "nothing sent: " + e.getMessage();
        }
        int sig = Signals.parse(name), sent = 0;
        List<String> refused = new ArrayList<>();
        for (Target t : targets) {
            Audited.Outcome o = audited.signal(kernel, t.pid(), t.startTime(), sig);
            if (o.ok()) sent++;
            else refused.add(o.result());
            if (o.logError() != null) refused.add(o.logError());
        }
        String done = "SIG" + name + " sent to " + sent + " of " + targets.size() + (targets.size() == 1 ? " process" : " processes");
        return refused.isEmpty() ? done : done + "; " + refused.get(0) + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "");
    }

    @Override public String cgroup(CgroupTarget target, String change) {
        CgroupWrites w;
        try {
            w = new CgroupWrites(Kernel.shared(), target.mountPoint(), target.version() == 2);
        } catch (KernelException e) {
            return "nothing changed: " + e.getMessage();
        }
        Audited.Outcome o = audited.cgroup(w, change, target.label(), writes -> switch (change) {
            case "rmdir" -> { writes.rmdir(target.path()); yield "removed " + target.label(); }
            case "freeze" -> { writes.freeze(target.path(), true); yield "froze " + target.label(); }
            case "thaw" -> { writes.freeze(target.path(), false); yield "thawed " + target.label(); }
            default -> throw new ActionException("no such cgroup change: " + change);
        });
        return o.logError() == null ? o.result() : o.result() + "; " + o.logError();
    }
}
