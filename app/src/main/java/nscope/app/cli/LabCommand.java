package nscope.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import nscope.act.ActionException;
import nscope.app.audit.AuditLog;
import nscope.app.audit.Audited;
import nscope.app.cli.common.UserError;
import nscope.app.lab.HostAbilities;
import nscope.app.lab.Lab;
import nscope.app.lab.LabScript;
import nscope.app.lab.LabSession;
import nscope.app.lab.labs.Labs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nscope lab [NAME [--script [--json]]]: the labs listed, one opened on the screen, or run as a script. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        description = {
            "List the labs, or run one: a lesson on the host's kernel, step by step.",
            "Without NAME: list the labs, one per line, name first, then title.",
            "With NAME: open the live screen on that lab (Space or n runs the next step, b shows the last explanation again, q or Esc leaves it). Everything a lab makes is named nscope-lab-* and removed when it ends.",
            "With --script: run every step without the screen and print what each ran and observed of the kernel; exit 1 if an expected observation did not happen.",
            "With --record FILE: the lab's screen is recorded, each entry labelled with the lab's step (nscope replay FILE)."
        })
final class LabCommand implements Callable<Integer> {
    @ParentCommand
    NscopeCommand parent;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The lab (nscope lab lists them).")
    String name;

    @Option(names = "--script", description = "Run every step without the screen and print each.")
    boolean script;

    @Option(
            names = {"-J", "--json"},
            description = "With --script: one JSON object per step.")
    boolean json;

    @picocli.CommandLine.Mixin
    nscope.app.cli.common.ScreenRecordOptions record;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            if (script || json) throw new UserError("--script and --json need a lab's NAME", 2);
            int w = Labs.ALL.stream().mapToInt(l -> l.name().length()).max().orElse(0);
            for (Lab l : Labs.ALL) out.println(String.format("%-" + w + "s  %s", l.name(), l.title()));
            out.flush();
            return 0;
        }
        Lab lab = Labs.named(name)
                .orElseThrow(() ->
                        new UserError("no lab named " + nscope.act.Names.shown(name) + " (nscope lab lists them)", 2));
        if (json && !script) throw new UserError("--json goes with --script", 2);
        if (!script) return UiCommand.withLab(parent, lab.name(), record.file != null ? record : parent.record);
        if (record.file != null || parent.record.file != null)
            throw new UserError("--record records the lab's screen: leave out --script", 2);
        HostAbilities host = HostAbilities.read();
        LabSession.refusal(lab, host).ifPresent(why -> {
            throw new UserError(why, 3);
        });
        Audited audit = new Audited(AuditLog.of(System.getenv()));
        LabSession s;
        Audited.Change change;
        try {
            change = audit.begin("lab", lab.name(), "run every step of the lab (--script)");
            s = LabSession.open(lab, host);
        } catch (ActionException e) {
            throw new UserError(e.getMessage(), 3);
        }
        boolean ok = false;
        try (s) {
            ok = LabScript.run(s, out, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            s.close();
            change.end(
                    ok && s.left().isEmpty(),
                    s.left().isEmpty()
                            ? (ok ? "every observation held" : "an observation did not hold") + ", nothing left"
                            : "left: " + String.join("; ", s.left()));
        }
        if (!s.left().isEmpty()) throw new UserError("the lab left behind: " + String.join("; ", s.left()), 4);
        return ok ? 0 : 1;
    }
}
