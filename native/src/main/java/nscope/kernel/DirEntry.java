package nscope.kernel;

/** One directory entry as getdents64(2) gives it: its name, d_type (DT_*) and inode number. */
public record DirEntry(String name, int type, long ino) {
    public static final int DT_UNKNOWN = 0, DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

    public boolean directory() {
        return type == DT_DIR;
    }

    /** The file system did not say (some do not fill d_type): ask stat(2). */
    public boolean typeUnknown() {
        return type == DT_UNKNOWN;
    }
}
