package nscope.app.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nscope.app.cli.Usage;
import nscope.views.keys.Binding;
import nscope.views.keys.Mode;
import nscope.views.ui.Palette;
import nscope.views.ui.Ui;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Run by `mvn package` (exec-maven-plugin) with DIR and app/src/main/man: writes DIR/nscope.1 (the man page) and
 * DIR/nscope.bash-completion from the command line's model.
 */
public final class Docs {
    private Docs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Docs DIR GUIDES");
            System.exit(2);
        }
        write(Path.of(args[0]), Path.of(args[1]));
        System.exit(0); // the key table's Ui may have started threads: do not wait for them
    }

    /** The reference guides, in the man page's order (each a Markdown file in app/src/main/man). */
    public static final List<String> GUIDES = List.of("containers.md", "lens.md", "labs.md", "snapshot.md");

    /** Writes both files into dir, the man page with the guides found in guides. */
    public static void write(Path dir, Path guides) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("nscope.1"), manPage(guides), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("nscope.bash-completion"), completion(), StandardCharsets.UTF_8);
    }

    public static String manPage(Path guides) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String g : GUIDES) texts.add(Files.readString(guides.resolve(g), StandardCharsets.UTF_8));
        return ManPage.of(Usage.commandLine(), keys(), texts);
    }

    /** The screen's key table, every mode, in the help's order. */
    public static List<Binding> keys() {
        return new Ui(new Palette(false)).keyTable().all();
    }

    /**
     * The screen's keys (not a lab's, not the container list's) as the README's Markdown table: the
     * README holds exactly this (ReadmeTest), so it cannot drift from the keys.
     */
    public static String keyTableMarkdown(List<Binding> keys) {
        StringBuilder b = new StringBuilder("| key | what it does |\n|-----|--------------|\n");
        for (Binding k : keys)
            if (k.modes().contains(Mode.NORMAL))
                b.append("| `")
                        .append(k.shown())
                        .append("` | ")
                        .append(k.help().replace("|", "\\|"))
                        .append(" |\n");
        return b.toString();
    }

    /**
     * picocli's bash completion for nscope; it completes the command names, their options and
     * enum values. The launcher is typed ./nscope: bash finds the compspec by the name after the last /.
     */
    public static String completion() {
        CommandLine cl = Usage.commandLine();
        return AutoComplete.bash("nscope", cl);
    }
}
