package nscope.app.docs;

/** The sections of nscope(1) that no option holds: exit status, environment, files, see also (troff). */
final class ManPageSections {
    private ManPageSections() {}

    static final String TAIL = """
            .SH EXIT STATUS
            .TP
            .B 0
            Success.
            .TP
            .B 1
            A failure, said in one line on stderr that starts with "nscope:"; for \\fBlab \\-\\-script\\fR, an \
            observation that did not hold.
            .TP
            .B 2
            Bad usage: an unknown option, a bad value, a missing argument.
            .TP
            .B 3
            A lab cannot run here (not root, a controller or a tool missing); the line says why.
            .TP
            .B 125
            \\fBenter\\fR, \\fBunshare\\fR or \\fBrun\\fR could not start the child; otherwise they exit with the \
            child's status (128+N when it was killed by signal N).
            .SH ENVIRONMENT
            .TP
            .B NO_COLOR
            The live screen without colours, as \\fB\\-\\-no\\-color\\fR.
            .TP
            .B NSCOPE_JAVA_OPTS
            More JVM flags, for the launcher (./nscope).
            .TP
            .B NSCOPE_AUDIT_LOG
            The audit log's path (default /var/log/nscope/actions.log for root, else \
            $XDG_STATE_HOME/nscope/actions.log or ~/.local/state/nscope/actions.log).
            .TP
            .B NSCOPE_INIT
            The containers' static helper (default: nscope\\-init beside nscope.jar).
            .TP
            .BR NSCOPE_STATE_DIR ", " NSCOPE_DATA_DIR ", " NSCOPE_CACHE_DIR
            Where containers keep their state, writable layers and unpacked images.
            .TP
            .BR NSCOPE_SUBUID ", " NSCOPE_SUBGID
            The id ranges \\fBrun \\-\\-userns\\fR takes its ids from (default /etc/subuid, /etc/subgid).
            .SH FILES
            .TP
            .I /var/log/nscope/actions.log
            One JSON line before and one after every change to the host (signals, cgroup changes, enter, \
            unshare, containers), with the real user.
            .TP
            .I /run/nscope
            Containers' states (NAME/state.json) and the labs' journals (labs), written before each object \
            they name is made.
            .TP
            .I /var/lib/nscope/containers
            Containers' writable layers.
            .TP
            .I /var/cache/nscope/images
            Tar images, unpacked once.
            .SH SEE ALSO
            .BR lsns (8),
            .BR nsenter (1),
            .BR unshare (1),
            .BR findmnt (8),
            .BR systemd\\-cgls (1),
            .BR namespaces (7),
            .BR cgroups (7)
            .PP
            README.md in nscope's repository: the test tiers, the layout, the benchmarks.""";
}
