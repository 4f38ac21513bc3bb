package nscope.app.container;

import java.io.IOException;
import java.nio.file.Files;
import nscope.act.ActionException;
import nscope.views.text.Escape;

/** Looking a container up by name for the commands that take one. */
public final class Containers {
    private Containers() {}

    public static ContainerState load(String name) throws ActionException {
        ContainerCreate.checkName(name);
        if (!Files.isDirectory(ContainerState.dir(name)))
            throw new ActionException("no container named " + name + " (nscope ps lists them)");
        try {
            return ContainerState.load(name);
        } catch (IOException e) {
            throw new ActionException("the state of " + name + " cannot be read: " + e.getMessage());
        }
    }

    /** The table: a header, then a line per container (its name first). */
    public static java.util.List<String> table(java.util.List<ContainerState> all) {
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "PID", "IMAGE", "LIMITS", "ADDRESS", "UP"});
        long now = System.currentTimeMillis() / 1000;
        for (ContainerState c : all) {
            String state = c.state();
            java.util.List<String> limits = new java.util.ArrayList<>();
            c.limits().forEach((k, v) -> limits.add(k.substring(k.lastIndexOf(' ') + 1) + "=" + v));
            rows.add(new String[] {
                c.name(),
                state,
                c.running() ? Integer.toString(c.pid()) : "-",
                Escape.terminal(c.image()),
                limits.isEmpty() ? "-" : String.join(",", limits),
                c.address() == null ? String.valueOf(c.net()) : c.address(),
                c.running() ? uptime(now - c.created()) : "-"
            });
        }
        int[] w = new int[7];
        for (String[] r : rows) for (int i = 0; i < 7; i++) w[i] = Math.max(w[i], r[i].length());
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 7; i++) b.append(i == 6 ? r[i] : String.format("%-" + w[i] + "s  ", r[i]));
            out.add(b.toString().stripTrailing());
        }
        return out;
    }

    static String uptime(long s) {
        return s >= 86400
                ? s / 86400 + "d" + s % 86400 / 3600 + "h"
                : s >= 3600 ? s / 3600 + "h" + s % 3600 / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
}
