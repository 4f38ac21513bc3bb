package nscope.app;

import java.io.PrintWriter;
import nscope.app.cli.Entry;
import nscope.app.cli.read.Prefetch;
import nscope.app.screen.OnTerminal;

/** Entry point: the live screen at once on a terminal, else the command line (nscope.app.cli). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // plain ./nscope on a terminal: the live screen at once, without building the command line
        // parser (picocli's first use costs some 0.2 s of the first frame)
        if (args.length == 0 && OnTerminal.interactive()) System.exit(Entry.screen(new PrintWriter(System.err, true)));
        Prefetch.start(args);
        System.exit(Entry.run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
    }
}
