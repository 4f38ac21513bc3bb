package nscope.kernel;

import java.util.Optional;

/**
 * An open namespace file (nsfs): /proc/PID/ns/TYPE, a bind mount of one, or
 * a descriptor a relation ioctl returned. Holding it keeps the namespace
 * alive. Every handle this class returns is a new descriptor its caller closes.
 */
public final class NsHandle implements AutoCloseable {
    // ioctl requests of linux/nsfs.h: _IO(0xb7, n), i.e. no size and no direction bits
    static final long NS_GET_USERNS = 0xb701;
    static final long NS_GET_PARENT = 0xb702;
    static final long NS_GET_NSTYPE = 0xb703;
    static final long NS_GET_OWNER_UID = 0xb704;

    private final Kernel kernel;
    private final Fd fd;
    private final NsType type;

    private NsHandle(Kernel kernel, Fd fd, NsType type) {
        this.kernel = kernel;
        this.fd = fd;
        this.type = type;
    }

    /**
     * Opens a namespace file read-only and close-on-exec and asks its type
     * at once, so a path that is not a namespace fails here (ENOTTY), not later.
     */
    public static NsHandle open(Kernel k, String path) throws KernelException {
        return adopt(k, k.open(path, LibC.O_RDONLY));
    }

    /** Takes ownership of fd (closed on failure) after learning its type. */
    private static NsHandle adopt(Kernel k, Fd fd) throws KernelException {
        try {
            int flag = k.ioctl(
                    fd, NS_GET_NSTYPE, "NS_GET_NSTYPE", e -> e == Errno.ENOTTY ? "not a namespace file (nsfs)" : null);
            NsType type = NsType.ofFlag(flag)
                    .orElseThrow(() -> new KernelException(
                            "ioctl NS_GET_NSTYPE",
                            fd.what(),
                            Errno.UNKNOWN,
                            "the kernel named a namespace type nscope does not know: 0x" + Integer.toHexString(flag)));
            return new NsHandle(k, fd, type);
        } catch (KernelException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    public NsType type() {
        return type;
    }

    /** The descriptor, e.g. for setns(2). Valid until this handle is closed. */
    public Fd fd() {
        return fd;
    }

    /** What this handle was opened on, for messages. */
    public String what() {
        return fd.what();
    }

    /** The namespace's identity (fstat of the descriptor). */
    public DevIno devIno() throws KernelException {
        return kernel.fstat(fd);
    }

    /**
     * The parent of a pid or user namespace (NS_GET_PARENT). Empty when there
     * is none we can name: EPERM means the parent is outside our own
     * namespace (so our own namespace has none here), and the kernel refuses
     * the request for non-hierarchical types (see relative()).
     */
    public Optional<NsHandle> parent() throws KernelException {
        return relative(NS_GET_PARENT, "NS_GET_PARENT", "parent of " + what());
    }

    /**
     * The user namespace that owns this namespace (NS_GET_USERNS); for a user
     * namespace, that is its parent. Empty when it is outside our view (EPERM),
     * as for the initial user namespace.
     */
    public Optional<NsHandle> ownerUserNs() throws KernelException {
        return relative(NS_GET_USERNS, "NS_GET_USERNS", "owner of " + what());
    }

    /**
     * The UID (in our user namespace) of the process that created this user
     * namespace (NS_GET_OWNER_UID). uid_t is unsigned 32-bit: returned as long.
     * Other types fail with EINVAL.
     */
    public long ownerUid() throws KernelException {
        int uid = kernel.ioctlReadInt(
                fd,
                NS_GET_OWNER_UID,
                "NS_GET_OWNER_UID",
                e -> e == Errno.EINVAL
                        ? "only a user namespace has an owner UID; this is a " + type + " namespace"
                        : null);
        return Integer.toUnsignedLong(uid);
    }

    /*
     * EPERM: the relative is outside the caller's namespace scope. For
     * NS_GET_PARENT on a type without parents, linux/fs/nsfs.c answers
     * EINVAL (ENOTTY is only for requests nsfs does not know): both mean
     * "none" exactly when the type is not hierarchical, otherwise they are
     * real errors and are thrown.
     */
    private Optional<NsHandle> relative(long request, String name, String what) throws KernelException {
        Fd got;
        try {
            got = kernel.ioctlNewFd(
                    fd, request, name, what, e -> e == Errno.EPERM ? "outside our namespace scope" : null);
        } catch (KernelException e) {
            if (e.errno() == Errno.EPERM) return Optional.empty();
            boolean notHierarchical = request == NS_GET_PARENT && !type.hierarchical();
            if (notHierarchical && (e.errno() == Errno.EINVAL || e.errno() == Errno.ENOTTY)) return Optional.empty();
            throw e;
        }
        return Optional.of(adopt(kernel, got));
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return type + " namespace " + what();
    }
}
