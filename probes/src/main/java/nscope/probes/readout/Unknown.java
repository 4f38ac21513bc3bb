package nscope.probes.readout;

/** Why a value could not be read: a reason class and the detail (path, errno). */
public record Unknown(Reason reason, String detail) {
    public enum Reason {
        /** EACCES/EPERM: the kernel would not let us read it. */
        PERMISSION("permission"),
        /** The task is a zombie or exiting: the kernel dropped its namespaces. */
        EXITING("exiting"),
        /** This kernel does not offer the file or field. */
        NOT_PROVIDED("not provided by kernel"),
        /** The text was not in the format the kernel documents. */
        MALFORMED("malformed"),
        /** Any other read error. */
        IO_ERROR("read error"),
        /**
         * pid_for_children of a task that unshared a new pid namespace and has
         * not forked yet: the kernel answers ENOENT until the namespace has a
         * PID 1, which the task's next child becomes.
         */
        NO_PID1_YET("no PID 1 yet");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return "unknown (" + reason.label + ")";
    }
}
