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
    int AT_FDCWD = -100;

    @SaveError int openat(int dirfd, @In byte[] path, int flags);

    @SaveError long readlinkat(int dirfd, @In byte[] path, @Out byte[] buf, long size);

    @SaveError long read(int fd, @Out byte[] buf, long count);

    @SaveError int close(int fd);

    /** Moves the calling thread into new namespaces (CLONE_NEW* flags). */
    @SaveError int unshare(int flags);

    /** The calling thread's TID. */
    int gettid();
}
