package nscope.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nscope.views.text.Escape;
import picocli.CommandLine.Command;

/** nscope ps: the containers nscope made, from their state under /run/nscope. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = {"List nscope's containers: name, state, PID 1 on the host, image, limits, address, uptime.",
        "State is running, exited (N), creating (an nscope is making it now) or broken (the nscope making it was killed:",
        "nscope rm -f NAME removes what it made)."})
final class PsCommand implements Callable<Integer> {
    @Override public Integer call() throws IOException {
        for (String line : table(ContainerState.all())) System.out.println(line);
        return 0;
    }

    /** The table: a header, then a line per container (its name first). */
    static List<String> table(List<ContainerState> all) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "PID", "IMAGE", "LIMITS", "ADDRESS", "UP"});
        long now = System.currentTimeMillis() / 1000;
        for (ContainerState c : all) {
            String state = c.state();
            List<String> limits = new ArrayList<>();
            c.limits().forEach((k, v) -> limits.add(k.substring(k.lastIndexOf(' ') + 1) + "=" + v));
            rows.add(new String[] {c.name(), state, c.running() ? Integer.toString(c.pid()) : "-", Escape.terminal(c.image()),
                    limits.isEmpty() ? "-" : String.join(",", limits), c.address() == null ? String.valueOf(c.net()) : c.address(),
                    c.running() ? uptime(now - c.created()) : "-"});
        }
        int[] w = new int[7];
        for (String[] r : rows) for (int i = 0; i < 7; i++) w[i] = Math.max(w[i], r[i].length());
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 7; i++) b.append(i == 6 ? r[i] : String.format("%-" + w[i] + "s  ", r[i]));
            out.add(b.toString().stripTrailing());
        }
        return out;
    }

    static String uptime(long s) {
        return s >= 86400 ? s / 86400 + "d" + s % 86400 / 3600 + "h" : s >= 3600 ? s / 3600 + "h" + s % 3600 / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
}
