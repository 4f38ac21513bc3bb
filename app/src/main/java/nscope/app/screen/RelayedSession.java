package nscope.app.screen;

import nscope.act.ActionException;
import nscope.act.Signals;
import nscope.app.exec.Running;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.Tty;
import nscope.views.actions.Actions.Session;
import nscope.views.text.Escape;

/** A child on the terminal: started at the first run, relayed until it ends or is put aside (Ctrl-]), taken up again by r. */
final class RelayedSession implements Session {
    /** What starts a session's child, the first time it runs. */
    interface Starter {
        Running start() throws ActionException;
    }

    private final String what;
    private final boolean command;
    private final Starter starter;
    private Running running;
    private boolean aside;

    /** @param command a command was given (its output is held on the terminal until a key), not a shell */
    RelayedSession(String what, boolean command, Starter starter) {
        this.what = what;
        this.command = command;
        this.starter = starter;
    }

    @Override
    public String refusal() {
        return null;
    }

    @Override
    public String run() {
        try {
            if (running == null) {
                banner("nscope: " + Escape.terminal(what));
                running = starter.start();
            } else {
                banner("nscope: back in " + Escape.terminal(what));
            }
            Integer code = running.attach(true);
            aside = code == null;
            if (!aside && command) held(code);
            return aside
                    ? "put aside, still running (PID " + running.pid() + "): r goes back to it; " + what
                    : status(code);
        } catch (ActionException e) {
            aside = false;
            return e.getMessage();
        }
    }

    private static void banner(String first) {
        System.out.print(
                "\r\n" + first + "\r\nnscope: exit it to come back to the screen; Ctrl-] goes back while it runs\r\n");
        System.out.flush();
    }

    /** A command's output stays on the terminal until a key is pressed: it would vanish with the screen's return. */
    private void held(int code) {
        System.out.print("\r\nnscope: " + status(code) + "; press a key to go back to the screen\r\n");
        System.out.flush();
        try {
            Tty tty = new Tty(Kernel.shared());
            byte[] saved = tty.raw(0);
            try {
                tty.read(0, new byte[64]);
            } finally {
                tty.restore(0, saved);
            }
        } catch (KernelException e) {
            // no terminal to wait on: the screen comes back at once
        }
    }

    private String status(int code) {
        return (code > 128 ? "killed by SIG" + Signals.name(code - 128) : "exit status " + code) + ": " + what;
    }

    @Override
    public boolean detached() {
        return aside;
    }

    @Override
    public String ended() {
        Integer code = aside ? running.ended() : null;
        if (code == null) return null;
        aside = false;
        return "a session put aside ended, " + status(code);
    }

    @Override
    public void end() {
        if (running != null) running.end();
    }
}
