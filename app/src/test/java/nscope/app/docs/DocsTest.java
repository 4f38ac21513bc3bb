package nscope.app.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nscope.app.cli.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The man page and the bash completion `mvn package` writes, made here from the same model and used. */
class DocsTest {
    record Run(int rc, String out, String err) {}

    static Run run(Path dir, List<String> argv, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        for (int i = 0; i < env.length; i += 2) pb.environment().put(env[i], env[i + 1]);
        Path err = dir.resolve("err");
        Process p = pb.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", argv) + " did not finish");
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void theManPageHasEveryCommandAndOption() {
        String page = Docs.manPage();
        List<CommandSpec> commands = ManPage.commands(Usage.commandLine().getCommandSpec());
        assertTrue(commands.size() >= 22, "commands: " + commands.size());
        for (CommandSpec c : commands) {
            assertTrue(page.contains(".SS \"" + Troff.line(c.qualifiedName()) + "\"\n"), c.qualifiedName());
            for (OptionSpec o : c.options())
                if (!o.hidden())
                    assertTrue(page.contains(Troff.bold(o.longestName())), c.qualifiedName() + " " + o.longestName());
        }
        // hidden commands stay out; every screen key is in KEYS
        assertTrue(!page.contains("nscope train") && !page.contains("nscope screenshots"));
        assertTrue(page.contains(".SH KEYS\n"));
        Docs.keys().forEach(k -> assertTrue(page.contains(Troff.bold(k.shown()) + "\n"), k.shown()));
        for (String line : page.split("\n"))
            assertTrue(!line.startsWith(".") || line.matches("\\.[A-Za-z]+( .*)?"), line);
    }

    @Test
    void manRendersItWithoutAWarning(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("nscope.1");
        Files.writeString(page, Docs.manPage());
        Run r = run(
                dir, List.of("man", "--warnings", "-l", page.toString()), "MANWIDTH", "80", "MAN_KEEP_FORMATTING", "");
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("NSCOPE(1)"), r.out());
        assertTrue(r.out().contains("   nscope cgroup mkdir\n"), r.out());
        assertTrue(r.out().contains("--interval=SECONDS"), r.out());
        for (String line : r.out().split("\n")) assertTrue(line.length() <= 80, line);
    }

    @Test
    void bashCompletesCommandsAndOptions(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("nscope.bash-completion");
        Files.writeString(script, Docs.completion());
        assertEquals("cgroups cgroup", complete(dir, script, "nscope", "cg"));
        assertEquals("--hierarchy", complete(dir, script, "./nscope", "cgroups", "--hi"));
        assertEquals("mkdir", complete(dir, script, "nscope", "cgroup", "mk"));
        String all = complete(dir, script, "nscope", "");
        for (String c : List.of("ui", "ls", "snapshot", "mounts", "explain", "lab", "enter", "run", "rm"))
            assertTrue((" " + all + " ").contains(" " + c + " "), c + " in: " + all);
        Run p = run(dir, List.of("bash", "-c", "source " + script + " && complete -p nscope"));
        assertEquals(0, p.rc(), p.err());
        assertTrue(p.out().contains(" -F _complete_nscope "), p.out());
    }

    /** What bash offers for the last word, as it calls the compspec on Tab. */
    private static String complete(Path dir, Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String bash = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\";"
                + " COMP_POINT=${#COMP_LINE}; _complete_nscope \"$1\" \"${COMP_WORDS[COMP_CWORD]}\";"
                + " echo \"${COMPREPLY[*]}\"";
        List<String> argv = new java.util.ArrayList<>(List.of("bash", "-c", bash, "bash", script.toString()));
        argv.addAll(List.of(words));
        Run r = run(dir, argv);
        assertEquals(0, r.rc(), line + ": " + r.err());
        return r.out().strip();
    }
}
