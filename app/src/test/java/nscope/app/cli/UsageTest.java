package nscope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's --help, hidden ones too, as a user gets it: exit 0, nothing on stderr (picocli
 * prints "[picocli WARN]" on System.err, not on the command line's err: both are watched, in a JVM of its own), every
 * line within the help's width, every argument and option described, every description a sentence.
 */
class UsageTest {
    /** Each command's words after "nscope", the top one first: [], [ls], [cgroup, mkdir], ... */
    static List<List<String>> commands(CommandLine cl, List<String> path) {
        List<List<String>> out = new ArrayList<>();
        out.add(path);
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            out.addAll(commands(sub, p));
        });
        return out;
    }

    /**
     * In a JVM of its own, since picocli's warnings go to the System.err its class saw when it was loaded:
     * prints each command's words, then its --help's exit code, out and err, each after a marker line.
     */
    public static final class AllHelps {
        public static void main(String[] a) {
            for (List<String> words : commands(Usage.commandLine(), List.of())) {
                List<String> args = new ArrayList<>(words);
                args.add("--help");
                Cli.Run r = Cli.run(args.toArray(String[]::new));
                System.out.print(MARK + String.join(" ", args) + "\n" + r.rc() + "\n" + r.out() + MARK_ERR + r.err());
            }
        }
    }

    private static final String MARK = "\u0001command: ", MARK_ERR = "\u0001err:\n";

    @Test
    void everyHelpIsCleanAndFitsTheWidth(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(
                        java.toString(), "-cp", System.getProperty("java.class.path"), AllHelps.class.getName())
                .redirectError(err.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("", Files.readString(err), "a --help warned on stderr");
        List<String> helps = List.of(out.split(MARK, -1)).subList(1, out.split(MARK, -1).length);
        assertTrue(helps.size() > 20, "the commands: " + helps.size());
        for (String h : helps) {
            String which = "nscope " + h.substring(0, h.indexOf('\n'));
            String[] rest = h.substring(h.indexOf('\n') + 1).split("\n", 2);
            assertEquals("0", rest[0], which);
            String help = rest[1].substring(0, rest[1].indexOf(MARK_ERR));
            assertEquals("", rest[1].substring(rest[1].indexOf(MARK_ERR) + MARK_ERR.length()), which);
            assertTrue(help.startsWith("Usage: nscope"), which + ":\n" + help);
            for (String line : help.split("\n"))
                assertTrue(line.length() <= Usage.WIDTH, which + ": a line of " + line.length() + ":\n" + line);
        }
    }

    @Test
    void everyArgumentIsDescribedAndEveryDescriptionIsASentence() {
        List<CommandSpec> specs = new ArrayList<>();
        collect(Usage.commandLine(), specs);
        for (CommandSpec c : specs) {
            String[] d = c.usageMessage().description();
            assertTrue(d.length > 0, c.qualifiedName() + " has no description");
            for (String p : d) assertTrue(p.strip().endsWith("."), c.qualifiedName() + ": not a sentence: " + p);
            List<ArgSpec> args = new ArrayList<>(c.options());
            args.addAll(c.positionalParameters());
            for (ArgSpec a : args) {
                if (a.hidden()) continue;
                String what = c.qualifiedName() + " " + a.paramLabel();
                assertTrue(a.description().length > 0, what + " has no description");
                for (String p : a.description()) assertFalse(p.isBlank(), what);
            }
        }
    }

    private static void collect(CommandLine cl, List<CommandSpec> out) {
        out.add(cl.getCommandSpec());
        for (CommandLine sub : cl.getSubcommands().values()) collect(sub, out);
    }
}
