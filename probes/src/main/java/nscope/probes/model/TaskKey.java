package nscope.probes.model;

/** A task across snapshots: the TID and the start time, so a reused TID is a new task. */
public record TaskKey(int tid, long startTime) implements Comparable<TaskKey> {
    @Override
    public int compareTo(TaskKey o) {
        int c = Integer.compare(tid, o.tid);
        return c != 0 ? c : Long.compare(startTime, o.startTime);
    }
}
