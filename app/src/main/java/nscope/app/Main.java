package nscope.app;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: command line to subcommands; no stack trace ever reaches the user. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Prefetch.start(args);
        System.exit(run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
    }

    /** Runs nscope with the given arguments and streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new NscopeCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("nscope: " + oneLine(ex.getMessage()) + " (see 'nscope --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("nscope: " + oneLine(describe(ex)));
            return ex instanceof UserError u ? u.exitCode() : 1;
        });
        try {
            int rc = cl.execute(args);
            out.flush();
            return rc;
        } catch (RuntimeException | Error e) {
            err.println("nscope: internal error: " + oneLine(describe(e)));
            return 1;
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m != null && !m.isBlank() ? m : e.getClass().getSimpleName();
    }

    static String oneLine(String s) { return s.replace('\n', ' ').replace('\r', ' ').strip(); }
}
