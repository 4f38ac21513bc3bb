package nscope.probes.mounts;

/** A device number as mountinfo's third field gives it: "MAJOR:MINOR" (st_dev of the filesystem). */
public record DeviceNumber(int major, int minor) {
    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
