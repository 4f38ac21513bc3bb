package nscope.app.dist;

/** The live screen from an artefact in a tmux pane of its own server, until its first frame shows. */
final class Screen {
    private Screen() {}

    static final String SCRIPT = String.join(
            "\n",
            "s=nscope-test-dist-$$",
            "trap 'tmux -L \"$s\" kill-server 2>/dev/null || true' EXIT",
            // tmux hands its command to a shell: the path quoted for it (it may hold a space)
            "tmux -L \"$s\" new-session -d -s \"$s\" -x 120 -y 40 \"$(printf '%q' \"$1\")\"",
            "for i in $(seq 1 240); do",
            "  pane=$(tmux -L \"$s\" capture-pane -p -t \"$s\" 2>&1) || true",
            "  case \"$pane\" in *' 2 Processes '*) exit 0;; esac",
            "  sleep 0.5",
            "done",
            "printf '%s\\n' \"$pane\"",
            "exit 1");
}
