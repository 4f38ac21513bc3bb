package nscope.probes.model;

/** The four ids of a Uid: or Gid: line in /proc/PID/status (unsigned 32-bit, kept as long). */
public record Ids(long real, long effective, long saved, long filesystem) {
    // Written out, as Task's: the generated one goes through method handles the quick-start compiler leaves slow
    @Override
    public boolean equals(Object o) {
        return o instanceof Ids i
                && real == i.real
                && effective == i.effective
                && saved == i.saved
                && filesystem == i.filesystem;
    }

    @Override
    public int hashCode() {
        return ((Long.hashCode(real) * 31 + Long.hashCode(effective)) * 31 + Long.hashCode(saved)) * 31
                + Long.hashCode(filesystem);
    }
}
