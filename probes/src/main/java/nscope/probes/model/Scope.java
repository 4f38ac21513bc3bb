package nscope.probes.model;

/** How deep a scan reads: every task, or only each process (its thread group leader). */
public enum Scope {
    /** Every thread of every process: /proc/PID/task/TID. */
    TASKS,
    /** One task per process, /proc/PID, as lsns reads; threads are not in the snapshot. */
    PROCESSES
}
