package nscope.app;

import java.io.IOException;
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
    private final AuditLog log;

    private ScreenActions(AuditLog log) { this.log = log; }

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
            boolean ok = false;
            String result;
            try {
                Signals.send(kernel, "/proc", t.pid(), t.startTime(), sig);
                ok = true;
                sent++;
                result = "sent SIG" + name;
            } catch (ActionException e) {
                result = e.getMessage();
                refused.add(result);
            }
            try {
                log.append("kill SIG" + name, "pid " + t.pid() + " start " + t.startTime(), ok, result);
            } catch (IOException e) {
                refused.add("the audit log " + log.file() + " could not be written: " + e.getMessage());
            }
        }
        String done = "SIG" + name + " sent to " + sent + " of " + targets.size() + (targets.size() == 1 ? " process" : " processes");
        return refused.isEmpty() ? done : done + "; " + refused.get(0) + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "");
    }

    @Override public String cgroup(CgroupTarget target, String change) {
        boolean ok = false;
        String result;
        try {
            CgroupWrites w = new CgroupWrites(Kernel.shared(), target.mountPoint(), target.version() == 2);
            switch (change) {
                case "rmdir" -> w.rmdir(target.path());
                case "freeze" -> w.freeze(target.path(), true);
                case "thaw" -> w.freeze(target.path(), false);
                default -> throw new ActionException("no such cgroup change: " + change);
            }
            ok = true;
            result = (change.equals("rmdir") ? "removed " : change.equals("freeze") ? "froze " : "thawed ") + target.label();
        } catch (ActionException e) {
            result = e.getMessage();
        } catch (KernelException e) {
            result = "nothing changed: " + e.getMessage();
        }
        try {
            log.append("cgroup " + change, target.label(), ok, result);
        } catch (IOException e) {
            return result + "; the audit log " + log.file() + " could not be written: " + e.getMessage();
        }
        return result;
    }
}
