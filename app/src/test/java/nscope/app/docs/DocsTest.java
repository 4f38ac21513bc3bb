package nscope.app.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import nscope.app.cli.Usage;
import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The man page and the bash completion `mvn package` writes, made here from the same model and used. */
class DocsTest {
    static final Path GUIDES = Repo.root().resolve("app/src/main/man");

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
    void theManPageHasEveryCommandAndOption() throws IOException {
        String page = Docs.manPage(GUIDES);
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
        Files.writeString(page, Docs.manPage(GUIDES));
        Run r = run(
                dir, List.of("man", "--warnings", "-l", page.toString()), "MANWIDTH", "80", "MAN_KEEP_FORMATTING", "");
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("NSCOPE(1)"), r.out());
        assertTrue(r.out().contains("   nscope cgroup mkdir\n"), r.out());
        assertTrue(r.out().contains("--interval=SECONDS"), r.out());
        // the guides follow the keys, each a section, their code blocks kept line for line
        for (String section :
                List.of("CONTAINERS", "THE PID/TGID LENS", "LABS: GIVING A LESSON WITH NSCOPE", "THE SNAPSHOT"))
            assertTrue(r.out().contains("\n" + section + "\n"), section);
        assertTrue(r.out().contains("sudo ./nscope rm web"), r.out());
        // 80 columns, but for the guides' examples, kept as typed (annotated JSON, command lines)
        Set<String> examples = new HashSet<>();
        for (String g : Docs.GUIDES)
            examples.addAll(List.of(Files.readString(GUIDES.resolve(g)).split("\n")));
        for (String line : r.out().split("\n"))
            assertTrue(
                    line.length() <= 80
                            || examples.stream().anyMatch(e -> line.strip().equals(e.strip())),
                    line);
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
