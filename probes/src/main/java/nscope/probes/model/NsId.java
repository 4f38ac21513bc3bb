package nscope.probes.model;

/**
 * A namespace's identity: the nsfs (device, inode) pair. Inode numbers are
 * unique within nsfs, so the inode alone orders and names a namespace, as
 * lsns does; the device is kept so identity is exact.
 */
public record NsId(long dev, long ino) implements Comparable<NsId> {
    @Override
    public int compareTo(NsId o) {
        int c = Long.compareUnsigned(ino, o.ino);
        return c != 0 ? c : Long.compareUnsigned(dev, o.dev);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ino);
    }
}
