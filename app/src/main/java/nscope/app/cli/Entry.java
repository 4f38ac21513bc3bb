package nscope.app.cli;

import java.io.PrintWriter;
import nscope.app.cli.common.RootOptions;
import nscope.app.cli.common.UserError;
import nscope.app.cli.read.CgroupsCommand;
import nscope.app.cli.read.LsCommand;
import picocli.CommandLine;

/** nscope's command line: parsed by picocli, run, every failure one "nscope:" line; no stack trace ever reaches the user. */
public final class Entry {
    private Entry() {}

    /** Runs nscope with the given arguments and streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            out.println(NscopeCommand.VERSION); // as picocli prints it, without building the command tree
            out.flush();
            return 0;
        }
        try {
            // the common uses of cgroups and ls, without building picocli's model
            Integer rc = CgroupsCommand.quick(args, out, err);
            if (rc == null) rc = LsCommand.quick(args, out, err);
            if (rc != null) {
                out.flush();
                return rc;
            }
        } catch (RuntimeException e) {
            return failed(e, err);
        } catch (Error e) {
            return internal(e, err);
        }
        CommandLine cl = Usage.styled(CommandTree.forArgs(args));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("nscope: " + oneLine(ex.getMessage()) + " (see 'nscope --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> failed(ex, err));
        try {
            int rc = cl.execute(args);
            out.flush();
            return rc;
        } catch (RuntimeException | Error e) {
            return internal(e, err);
        }
    }

    /** A command's failure in one line; the exit code a UserError carries, else 1. */
    private static int failed(Exception ex, PrintWriter err) {
        err.println("nscope: " + oneLine(describe(ex)));
        return ex instanceof UserError u ? u.exitCode() : 1;
    }

    private static int internal(Throwable e, PrintWriter err) {
        err.println("nscope: internal error: " + oneLine(describe(e)));
        return 1;
    }

    /** The live screen with its defaults, as `nscope ui` runs it; errors as one line, as run() gives them. */
    public static int screen(PrintWriter err) {
        try {
            return UiCommand.run(new RootOptions(), UiCommand.DEFAULT_INTERVAL, false, false);
        } catch (RuntimeException e) {
            return failed(e, err);
        } catch (Error e) {
            return internal(e, err);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m != null && !m.isBlank() ? m : e.getClass().getSimpleName();
    }

    public static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
