package nscope.probes.model;

/** The four ids of a Uid: or Gid: line in /proc/PID/status (unsigned 32-bit, kept as long). */
public record Ids(long real, long effective, long saved, long filesystem) {}
