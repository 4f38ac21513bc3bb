package nscope.probes.mounts;

/** A device number as mountinfo's third field gives it: "MAJOR:MINOR" (st_dev of the filesystem). */
public record DeviceNumber(int major, int minor) {
    // equals and hashCode written out: a record's own are bootstrapped through method handles at first use
    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceNumber d && d.major == major && d.minor == minor;
    }

    @Override
    public int hashCode() {
        return major * 1_048_576 + minor;
    }

    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
