package nscope.kernel;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/** The libc calls nscope makes, bound by jnr-ffi. Paths are NUL-terminated bytes. */
public interface LibC {
    int O_RDONLY = 0;
    int O_DIRECTORY = 0x10000;
    int O_CLOEXEC = 0x80000;
    int O_PATH = 0x200000;
    /** openat2: resolve the path (symlinks, "..") as if the directory were the root. */
    long RESOLVE_IN_ROOT = 0x10;

    int O_WRONLY = 1;
    int O_NOFOLLOW = 0x20000;
    int AT_REMOVEDIR = 0x200;
    int AT_FDCWD = -100;
    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_ROUTE = 0;

    /*
     * Syscalls glibc 2.36 has no wrapper for, called through syscall(2). Every
     * syscall added since Linux 5.1 has one number on all architectures
     * (alpha aside), so these hold on x86_64 and aarch64 alike.
     */
    /** pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags), Linux 5.1. */
    long SYS_PIDFD_SEND_SIGNAL = 424;
    /** pidfd_open(pid_t pid, unsigned int flags), Linux 5.3. */
    long SYS_PIDFD_OPEN = 434;

    @SaveError
    int openat(int dirfd, @In byte[] path, int flags);

    /** open(2) is variadic (mode); integer arguments pass the same way, so mode is fixed here. */
    @SaveError
    int open(@In byte[] path, int flags, int mode);

    @SaveError
    long readlinkat(int dirfd, @In byte[] path, @Out byte[] buf, long size);

    @SaveError
    long read(int fd, @Out byte[] buf, long count);

    @SaveError
    long write(int fd, @In byte[] buf, long count);

    @SaveError
    int mkdirat(int dirfd, @In byte[] path, int mode);

    @SaveError
    int unlinkat(int dirfd, @In byte[] path, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    long pread(int fd, @Out byte[] buf, long count, long offset);

    @SaveError
    long lseek(int fd, long offset, int whence);

    /** getdents64(2), wrapped by glibc since 2.30: directory entries with their type, no stat per entry. */
    @SaveError
    long getdents64(int fd, @Out byte[] buf, long count);

    /** ioctl(2) whose argument is ignored or a plain integer (the nsfs NS_GET_* that return an fd or a type). */
    @SaveError
    int ioctl(int fd, long request, long arg);

    /** ioctl(2) that writes one int through its argument (NS_GET_OWNER_UID writes a uid_t). */
    @SaveError
    int ioctl(int fd, long request, @Out int[] out);

    /** fstat(2): exported by glibc since 2.33 (before, only __fxstat was). */
    @SaveError
    int fstat(int fd, @Out StatBuf buf);

    /** Moves the calling thread into the namespace behind fd; nstype 0 or the CLONE_NEW* flag it must be. */
    @SaveError
    int setns(int fd, int nstype);

    /** Moves the calling thread into new namespaces (CLONE_NEW* flags). */
    @SaveError
    int unshare(int flags);

    /** mount(2); source, fstype and data may be null. */
    @SaveError
    int mount(@In byte[] source, @In byte[] target, @In byte[] fstype, long flags, @In byte[] data);

    @SaveError
    int umount2(@In byte[] target, int flags);

    /** syscall(2) with four arguments: extra ones are ignored by calls that take fewer. */
    @SaveError
    long syscall(long number, long a1, long a2, long a3, long a4);

    /** socket(2); type may carry SOCK_CLOEXEC. */
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    long send(int fd, @In byte[] buf, long len, int flags);

    @SaveError
    long recv(int fd, @Out byte[] buf, long len, int flags);

    /** openat2(int dirfd, const char *path, struct open_how *how, size_t size), Linux 5.6. */
    long SYS_OPENAT2 = 437;

    @SaveError
    int posix_openpt(int flags);

    @SaveError
    int grantpt(int fd);

    @SaveError
    int unlockpt(int fd);

    @SaveError
    int ptsname_r(int fd, @Out byte[] buf, long len);

    @SaveError
    int isatty(int fd);

    /** tcgetattr/tcsetattr/cfmakeraw on a struct termios held as bytes (60 on glibc; the buffer is bigger). */
    @SaveError
    int tcgetattr(int fd, @Out byte[] termios);

    @SaveError
    int tcsetattr(int fd, int when, @In byte[] termios);

    void cfmakeraw(@In @Out byte[] termios);

    /** ioctl(2) whose argument is a buffer read and written (struct winsize). */
    @SaveError
    int ioctl(int fd, long request, @In @Out byte[] buf);

    /** poll(2) on struct pollfd {int fd; short events, revents;} as bytes. */
    @SaveError
    int poll(@In @Out byte[] fds, long nfds, int timeout);

    /** syscall(2) whose second argument is a path and third a struct (openat2). */
    @SaveError
    long syscall(long number, int dirfd, @In byte[] path, @In byte[] how, long size);

    /** The calling thread's TID. */
    int gettid();
}
