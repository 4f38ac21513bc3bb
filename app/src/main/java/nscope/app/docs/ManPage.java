package nscope.app.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nscope.views.keys.Binding;
import nscope.views.keys.Mode;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * nscope(1) in troff, written from the same picocli model as every --help (so the page cannot drift
 * from the options), with the screen's keys from its key table and the sections a man page has that
 * the help has not (exit status, environment, files), and the reference guides (app/src/main/man).
 */
public final class ManPage {
    private final StringBuilder out = new StringBuilder();

    private ManPage() {}

    /** The whole page for the command line's top command, with these key bindings in KEYS. */
    public static String of(CommandLine top, List<Binding> keys, List<String> guides) {
        ManPage m = new ManPage();
        m.page(top.getCommandSpec(), keys, guides);
        return m.out.toString();
    }

    private void page(CommandSpec top, List<Binding> keys, List<String> guides) {
        String version = top.version().length > 0 ? top.version()[0] : top.name();
        line(".TH NSCOPE 1 \"\" \"" + Troff.line(version) + "\" \"User Commands\"");
        line(".nh"); // no hyphenation, left-aligned: option names and paths stay whole, as typed
        line(".ad l");
        line(".SH NAME");
        String summary = formatted(top.usageMessage().description()[0]);
        line(Troff.line(top.name() + " - " + summary.substring(0, 1).toLowerCase(Locale.ROOT)
                + summary.substring(1).replaceAll("\\.$", "")));
        line(".SH SYNOPSIS");
        synopsis(top);
        for (CommandSpec sub : commands(top)) synopsis(sub);
        line(".SH DESCRIPTION");
        paragraphs(top.usageMessage().description());
        paragraphs(top.usageMessage().footer());
        line(".SH OPTIONS");
        line("These go before the command; --root, --proc-root and --sys-root are taken by every command.");
        options(top, false);
        line(".SH COMMANDS");
        line("Every command also takes -h (--help): its usage, and -V (--version).");
        for (CommandSpec sub : commands(top)) command(sub);
        keys(keys);
        for (String g : guides) out.append(MarkdownTroff.of(g));
        line(ManPageSections.TAIL);
    }

    /** The visible commands under c, depth first ("cgroup" then "cgroup mkdir", ...). */
    static List<CommandSpec> commands(CommandSpec c) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandLine sub : c.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (s.usageMessage().hidden() || out.contains(s)) continue;
            out.add(s);
            out.addAll(commands(s));
        }
        return out;
    }

    private void synopsis(CommandSpec c) {
        StringBuilder b = new StringBuilder(Troff.bold(c.qualifiedName()));
        if (c.options().stream().anyMatch(o -> shown(c, o)))
            b.append(" [").append(Troff.italic("OPTIONS")).append("]");
        for (PositionalParamSpec p : c.positionalParameters()) {
            if (p.hidden()) continue;
            String label = Troff.italic(p.paramLabel()) + (p.isMultiValue() ? "..." : "");
            b.append(' ').append(p.arity().min() == 0 ? "[" + label + "]" : label);
        }
        // nscope alone opens the screen or lists; cgroup alone only says which changes there are
        if (!c.subcommands().isEmpty())
            b.append(' ').append(c.parent() == null ? "[" + Troff.italic("COMMAND") + "]" : Troff.italic("COMMAND"));
        line(b.toString());
        line(".br");
    }

    private void command(CommandSpec c) {
        line(".SS \"" + Troff.line(c.qualifiedName()) + "\"");
        line(".nf");
        synopsis(c);
        line(".fi");
        paragraphs(c.usageMessage().description());
        for (PositionalParamSpec p : c.positionalParameters()) if (!p.hidden()) item(Troff.italic(p.paramLabel()), p);
        options(c, true);
        if (!c.subcommands().isEmpty())
            line(".PP\nThe commands: "
                    + Troff.line(String.join(", ", c.subcommands().keySet())) + " (below).");
    }

    /** c's options; in a command (sub), without those every command has (help, version, the roots). */
    private void options(CommandSpec c, boolean sub) {
        for (OptionSpec o : c.options()) if (sub ? shown(c, o) : !o.hidden()) item(names(o), o);
    }

    private static boolean shown(CommandSpec c, OptionSpec o) {
        return !o.hidden() && !o.inherited() && !o.usageHelp() && !o.versionHelp();
    }

    private static String names(OptionSpec o) {
        List<String> ns = new ArrayList<>();
        for (String n : o.names()) ns.add(Troff.bold(n));
        String s = String.join(", ", ns);
        if (o.arity().max() == 0) return s;
        String label = Troff.italic(o.paramLabel());
        // a list split at commas reads as the help shows it: NAME[,NAME...]
        return s + "=" + label + (",".equals(o.splitRegex()) ? "[," + label + "...]" : "");
    }

    private void item(String tag, ArgSpec a) {
        line(".TP");
        line(tag);
        // an argument's description() comes formatted already (%% is %), unlike the command's
        line(Troff.text(String.join(" ", a.description())));
    }

    private void keys(List<Binding> keys) {
        line(".SH KEYS");
        line("The live screen (nscope ui) answers these keys; ? lists them on the screen, with the columns."
                + " Keys that change the host are left out on a read-only screen (--read-only, a recording,"
                + " not root).");
        keyList(keys, Mode.NORMAL);
        line(".SS \"In the container list (C)\"");
        keyList(keys, Mode.CONTAINER_LIST);
        line(".SS \"In a lab (nscope lab NAME, or T)\"");
        keyList(keys, Mode.LAB);
        line(".SS \"In a replay (nscope replay FILE)\"");
        keyList(keys, Mode.REPLAY);
    }

    private void keyList(List<Binding> keys, Mode mode) {
        for (Binding b : keys) {
            if (!b.modes().contains(mode)) continue;
            line(".TP");
            line(Troff.bold(b.shown()));
            line(Troff.text(b.help()));
        }
    }

    private void paragraphs(String[] ps) {
        for (String p : formatted(ps)) {
            if (p.isBlank()) continue;
            line(".PP");
            line(Troff.text(p));
        }
    }

    /** The text as the help prints it: picocli's descriptions are format strings (%% is %, %n a new line). */
    private static String[] formatted(String[] ps) {
        String[] out = new String[ps.length];
        for (int i = 0; i < ps.length; i++) out[i] = formatted(ps[i]);
        return out;
    }

    private static String formatted(String s) {
        return String.format(Locale.ROOT, s).replace(System.lineSeparator(), "\n");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
