package nscope.views.lab;

import java.util.ArrayList;
import java.util.List;
import nscope.views.lab.LabDriver.Command;
import nscope.views.lab.LabDriver.Done;
import nscope.views.lab.LabDriver.Observation;
import nscope.views.lab.LabDriver.Plan;
import nscope.views.text.Escape;
import nscope.views.text.Fit;

/**
 * What the lab pane says about a step: before it runs, what it does and the commands it will run; once
 * run, the commands with what they printed, each observation of the kernel (seen or NOT SEEN) and why the
 * kernel behaves so, then the next step's plan. Every text is escaped (commands' output and what was
 * read come from the host).
 */
public final class LabText {
    private LabText() {}

    /** One line before wrapping: a heading (bold) or text, its continuation lines indented by indent + 2. */
    public record Line(String text, boolean heading, int indent) {
        static Line of(int indent, String text) {
            return new Line(Escape.terminal(text), false, indent);
        }

        static Line heading(String text) {
            return new Line(Escape.terminal(text), true, 0);
        }

        /** The line in rows of at most width, broken at spaces. */
        public List<String> wrap(int width) {
            String pad = " ".repeat(indent);
            List<String> out = new ArrayList<>();
            List<String> first = Fit.wrap(text, Math.max(10, width - indent), 1_000);
            out.add(pad + first.get(0));
            if (first.size() > 1) {
                String rest = String.join(" ", first.subList(1, first.size()));
                for (String l : Fit.wrap(rest, Math.max(10, width - indent - 2), 1_000)) out.add(pad + "  " + l);
            }
            return out;
        }
    }

    /** The pane's title: "lab NAME, step i/n: TITLE" (i from 1). */
    public static String title(String lab, int index, int of, String stepTitle) {
        return Escape.terminal("lab " + lab + ", step " + (index + 1) + "/" + of + ": " + stepTitle);
    }

    /** A step not run yet: the lab's title first when it is the first step; running: it runs now. */
    public static List<Line> before(String labTitle, int index, int of, Plan p, boolean running) {
        List<Line> out = new ArrayList<>();
        if (index == 0 && labTitle != null) {
            out.add(Line.of(0, "This lab: " + labTitle + "."));
            out.add(Line.of(0, "Everything it makes is named nscope-lab-* and removed when you leave it (q)."));
            out.add(Line.of(0, ""));
        }
        plan(out, "step " + (index + 1) + "/" + of + ": " + p.title(), p);
        out.add(Line.of(0, ""));
        out.add(Line.of(0, running ? "running it now..." : "Space or n runs it."));
        return out;
    }

    /**
     * A step once run; next: the step after it (null: it was the last); latest: no later step has run
     * (else Space shows the next explanation); running: the next step runs now.
     */
    public static List<Line> after(Done d, int of, Plan p, Plan next, boolean latest, boolean running) {
        List<Line> out = new ArrayList<>();
        long missed = d.observations().stream().filter(o -> !o.ok()).count();
        out.add(Line.heading("step " + (d.index() + 1) + "/" + of + " done: " + p.title() + " ("
                + (missed == 0 ? "every observation seen" : missed + " NOT SEEN") + ")"));
        out.add(Line.of(0, "ran (each in the lab's own cgroup):"));
        for (Command c : d.commands()) {
            out.add(Line.of(2, "$ " + c.argv() + (c.exit() > 0 ? "   (exit " + c.exit() + ")" : "")));
            for (String o : c.output()) out.add(Line.of(6, o));
        }
        if (d.commands().isEmpty()) out.add(Line.of(2, "(no command: the lab's helper acted itself)"));
        out.add(Line.of(0, "observed (read from the kernel afterwards):"));
        for (Observation o : d.observations())
            out.add(Line.of(2, (o.ok() ? "seen: " : "NOT SEEN: ") + o.what() + ": " + o.seen()));
        out.add(Line.of(0, "why: " + p.why()));
        out.add(Line.of(0, ""));
        if (!latest) out.add(Line.of(0, "(an earlier step: b goes further back, Space or n to the next)"));
        else if (d.stopped() && next != null)
            out.add(Line.of(0, "The lab stopped here: this step could not run to its end. q leaves it."));
        else if (next == null)
            out.add(Line.of(0, "That was the last step: q leaves the lab and removes everything it made."));
        else {
            plan(out, "next, step " + (d.index() + 2) + "/" + of + ": " + next.title(), next);
            out.add(Line.of(0, running ? "running it now..." : "Space or n runs it; b shows this step again later."));
        }
        return out;
    }

    private static void plan(List<Line> out, String heading, Plan p) {
        out.add(Line.heading(heading));
        out.add(Line.of(0, "what it does: " + p.does()));
        out.add(Line.of(0, "it runs:"));
        for (String c : p.plan()) out.add(Line.of(2, "$ " + c));
    }

    /** Every line wrapped to width, a heading's rows marked by a leading NUL (drawn bold). */
    public static List<String> rows(List<Line> lines, int width) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) for (String r : l.wrap(width)) out.add(l.heading() ? "\0" + r : r);
        return out;
    }
}
