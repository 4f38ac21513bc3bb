package nscope.app.lab;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import nscope.app.json.Json;
import nscope.views.text.Escape;

/**
 * A lab run without the screen (nscope lab NAME --script): each step's
 * title, commands with what they printed, and the observations, as text or
 * as one JSON object per line; true if every observation held.
 */
public final class LabScript {
    private LabScript() {}

    public static boolean run(LabSession s, PrintWriter out, boolean json) throws IOException {
        Lab lab = s.lab();
        int n = lab.steps().size();
        if (!json) {
            out.println("lab " + lab.name() + ": " + lab.title());
            out.println("(each command runs in the lab's own cgroup through nscope-init lab run)");
        }
        boolean ok = true;
        while (!s.finished()) {
            StepResult r = s.next();
            ok &= r.ok();
            if (json) step(r, n, out);
            else text(r, n, out);
            out.flush();
        }
        return ok;
    }

    private static void text(StepResult r, int n, PrintWriter out) {
        Step s = r.step();
        out.println();
        out.println("step " + (r.index() + 1) + "/" + n + ": " + s.title());
        out.println("  does: " + s.does());
        for (StepResult.Command c : r.commands()) {
            out.println("  $ " + Escape.terminal(c.argv()) + (c.exit() > 0 ? "   (exit " + c.exit() + ")" : ""));
            for (String l : c.output()) out.println("    " + Escape.terminal(l));
        }
        for (StepResult.Observation o : r.observations())
            out.println("  " + (o.ok() ? "seen" : "NOT SEEN") + ": " + o.what() + ": " + Escape.terminal(o.seen()));
        out.println("  why: " + s.why());
    }

    /** One line: {"lab","step","of","title","does","commands":[{argv,exit,output}],"observations":[{what,ok,seen}],"why","ok"}. */
    private static void step(StepResult r, int n, PrintWriter out) throws IOException {
        try (JsonGenerator g = Json.line(out)) {
            g.writeStartObject();
            g.writeNumberField("step", r.index() + 1);
            g.writeNumberField("of", n);
            g.writeStringField("title", r.step().title());
            g.writeStringField("does", r.step().does());
            g.writeArrayFieldStart("commands");
            for (StepResult.Command c : r.commands()) {
                g.writeStartObject();
                g.writeStringField("argv", c.argv());
                if (c.exit() >= 0) g.writeNumberField("exit", c.exit());
                strings(g, "output", c.output());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("observations");
            for (StepResult.Observation o : r.observations()) {
                g.writeStartObject();
                g.writeStringField("what", o.what());
                g.writeBooleanField("ok", o.ok());
                g.writeStringField("seen", o.seen());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("why", r.step().why());
            g.writeBooleanField("ok", r.ok());
            g.writeEndObject();
        }
        out.println();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }
}
