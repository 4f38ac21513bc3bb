package nscope.app.dist;

/** The live screen from an artefact in a tmux pane of its own server, until its first frame shows. */
final class Screen {
    private Screen() {}

    static final String SCRIPT = String.join(
            "\n",
            "s=nscope-test-dist-$$",
            // tmux runs its command with $SHELL, else the user's login shell: nobody's is nologin
            "export SHELL=/bin/sh",
            "trap 'tmux -L \"$s\" kill-server 2>/dev/null || true' EXIT",
            // the pane made idle first, kept when its command ends, then given nscope: what a dying one printed stays
            "tmux -L \"$s\" new-session -d -s \"$s\" -x 120 -y 40 cat || exit 1",
            "tmux -L \"$s\" set-option -t \"$s\" remain-on-exit on",
            // tmux hands its command to a shell: the path quoted for it (it may hold a space)
            "tmux -L \"$s\" respawn-pane -k -t \"$s\" \"$(printf '%q' \"$1\")\" || exit 1",
            "for i in $(seq 1 240); do",
            "  pane=$(tmux -L \"$s\" capture-pane -p -t \"$s\" 2>&1) || break",
            "  case \"$pane\" in *' 2 Processes '*) exit 0;; esac",
            "  sleep 0.5",
            "done",
            "printf '%s\\n' \"$pane\"",
            "exit 1");
}
