package nscope.kernel;

/**
 * A file's identity: st_dev (as the kernel encodes it, which is what
 * stat(1) prints as %d) and st_ino. Two namespace handles name the same
 * namespace exactly when these are equal.
 */
public record DevIno(long dev, long ino) {
    @Override
    public String toString() {
        return Long.toUnsignedString(dev) + ":" + Long.toUnsignedString(ino);
    }
}
