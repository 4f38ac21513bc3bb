package nscope.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs nscope's command line in this JVM, as tests need it: exit code, stdout, stderr. */
final class Cli {
    private Cli() {}

    record Run(int rc, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int rc;
        try (PrintWriter o = new PrintWriter(out);
                PrintWriter e = new PrintWriter(err)) {
            rc = Entry.run(args, o, e);
        }
        return new Run(rc, out.toString(), err.toString());
    }
}
