package nscope.kernel;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** The errno values nscope meets, each with the sentence a person reads. */
public enum Errno {
    EPERM(1, "Operation not permitted", "not permitted (needs root or a capability)"),
    ENOENT(2, "No such file or directory", "does not exist (any more)"),
    ESRCH(3, "No such process", "the process has exited"),
    EINTR(4, "Interrupted system call", "interrupted"),
    EIO(5, "Input/output error", "input/output error"),
    ENXIO(6, "No such device or address", "no such device or address"),
    E2BIG(7, "Argument list too long", "argument list too long"),
    EBADF(9, "Bad file descriptor", "bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable", "temporarily unavailable, try again"),
    ENOMEM(12, "Cannot allocate memory", "out of memory"),
    EACCES(13, "Permission denied", "permission denied (run as root for the full view)"),
    EBUSY(16, "Device or resource busy", "busy"),
    EEXIST(17, "File exists", "already exists"),
    ENODEV(19, "No such device", "no such device"),
    ENOTDIR(20, "Not a directory", "not a directory"),
    EISDIR(21, "Is a directory", "is a directory"),
    EINVAL(22, "Invalid argument", "invalid argument"),
    ENFILE(23, "Too many open files in system", "too many open files in the system"),
    EMFILE(24, "Too many open files", "too many open files"),
    ENOTTY(25, "Inappropriate ioctl for device", "not supported on this file"),
    ENOSPC(28, "No space left on device", "no space left"),
    EROFS(30, "Read-only file system", "read-only file system"),
    ENAMETOOLONG(36, "File name too long", "file name too long"),
    ENOSYS(38, "Function not implemented", "not implemented by this kernel"),
    ELOOP(40, "Too many levels of symbolic links", "too many levels of symbolic links"),
    /** setns(2) into a time namespace from a multithreaded process. */
    EUSERS(87, "Too many users", "too many users"),
    EOPNOTSUPP(95, "Operation not supported", "not supported"),
    /** An error the JVM reported without an errno we could recognise. */
    UNKNOWN(-1, "", "failed");

    private final int number;
    private final String strerror;
    private final String sentence;

    Errno(int number, String strerror, String sentence) {
        this.number = number;
        this.strerror = strerror;
        this.sentence = sentence;
    }

    public int number() {
        return number;
    }

    /** A short phrase for people, e.g. "permission denied (run as root ...)". */
    public String sentence() {
        return sentence;
    }

    public static Errno of(int number) {
        for (Errno e : values()) if (e.number == number) return e;
        return UNKNOWN;
    }

    /**
     * The errno behind a JDK I/O exception. The JDK maps a few errnos to
     * exception classes and puts strerror() text in the reason of the rest.
     */
    public static Errno of(IOException e) {
        if (e instanceof KernelException k) return k.errno();
        if (e instanceof NoSuchFileException) return ENOENT;
        if (e instanceof AccessDeniedException) return EACCES;
        if (e instanceof FileAlreadyExistsException) return EEXIST;
        if (e instanceof NotDirectoryException) return ENOTDIR;
        if (e instanceof NotLinkException) return EINVAL;
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason != null) {
            // the reason holds strerror(errno), sometimes with words added: the longest
            // strerror found wins, so "No such device or address" is ENXIO, not ENODEV
            Errno best = UNKNOWN;
            for (Errno x : values())
                if (!x.strerror.isEmpty()
                        && reason.contains(x.strerror)
                        && x.strerror.length() > best.strerror.length()) best = x;
            return best;
        }
        return UNKNOWN;
    }

    /** True for errors that mean "the task went away while we looked". */
    public boolean meansVanished() {
        return this == ENOENT || this == ESRCH;
    }

    /** True for errors that mean "we may not look". */
    public boolean meansPermission() {
        return this == EACCES || this == EPERM;
    }
}
