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

    // Written out: a record's generated equals and hashCode are bootstrapped through method handles on first
    // use, some 20 ms of a one-shot command's start (NsId is the first map key of every scan).
    @Override
    public boolean equals(Object o) {
        return o instanceof NsId n && n.dev == dev && n.ino == ino;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ino) * 31 + Long.hashCode(dev);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ino);
    }
}
