package nscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void exceptionClassesTheJdkMapsErrnosTo() {
        assertEquals(Errno.ENOENT, Errno.of(new NoSuchFileException("/proc/4242/stat")));
        assertEquals(Errno.EACCES, Errno.of(new AccessDeniedException("/proc/1/ns/net")));
        assertEquals(Errno.ENOTDIR, Errno.of(new NotDirectoryException("/proc/self/stat")));
        assertEquals(Errno.EINVAL, Errno.of(new NotLinkException("/proc/self/stat")));
        // the JDK throws this for EEXIST, with no reason text
        assertEquals(Errno.EEXIST, Errno.of(new FileAlreadyExistsException("/tmp/capture")));
    }

    @Test
    void reasonTextOfAFileSystemException() {
        assertEquals(Errno.ESRCH, Errno.of(new FileSystemException("/proc/4242/ns/net", null, "No such process")));
        assertEquals(
                Errno.EPERM, Errno.of(new FileSystemException("/proc/1/environ", null, "Operation not permitted")));
        assertEquals(Errno.EIO, Errno.of(new FileSystemException("/x", null, "Input/output error")));
        // the JDK appends words to ELOOP's strerror
        assertEquals(
                Errno.ELOOP,
                Errno.of(new FileSystemException(
                        "/x",
                        null,
                        "Too many levels of symbolic links or unable to access attributes of symbolic link")));
    }

    @Test
    void longestStrerrorWins() {
        assertEquals(Errno.ENXIO, Errno.of(new FileSystemException("/x", null, "No such device or address")));
        assertEquals(Errno.ENODEV, Errno.of(new FileSystemException("/x", null, "No such device")));
        assertEquals(Errno.ENFILE, Errno.of(new FileSystemException("/x", null, "Too many open files in system")));
        assertEquals(Errno.EMFILE, Errno.of(new FileSystemException("/x", null, "Too many open files")));
    }

    @Test
    void messageOfAPlainIOException() {
        assertEquals(Errno.ESRCH, Errno.of(new IOException("read /proc/4242/stat: No such process")));
    }

    @Test
    void kernelExceptionCarriesItsErrno() {
        assertEquals(Errno.ESRCH, Errno.of(new KernelException("openat", "/proc/4242/task", Errno.ESRCH)));
    }

    @Test
    void unrecognisedTextIsUnknown() {
        assertEquals(Errno.UNKNOWN, Errno.of(new FileSystemException("/x", null, "Something odd happened")));
        assertEquals(Errno.UNKNOWN, Errno.of(new FileSystemException("/x")));
        assertEquals(Errno.UNKNOWN, Errno.of(new IOException("boom")));
        assertEquals(Errno.UNKNOWN, Errno.of(new IOException()));
        assertEquals(Errno.UNKNOWN, Errno.of(new FileSystemException("/x", null, "")));
    }

    @Test
    void byNumber() {
        assertEquals(Errno.EPERM, Errno.of(1));
        assertEquals(Errno.ENOENT, Errno.of(2));
        assertEquals(Errno.ESRCH, Errno.of(3));
        assertEquals(Errno.EACCES, Errno.of(13));
        assertEquals(Errno.UNKNOWN, Errno.of(0));
        assertEquals(Errno.UNKNOWN, Errno.of(9999));
        for (Errno e : Errno.values()) if (e != Errno.UNKNOWN) assertEquals(e, Errno.of(e.number()));
    }

    @Test
    void meansVanishedOnlyForEnoentAndEsrch() {
        Set<Errno> vanished = EnumSet.noneOf(Errno.class);
        for (Errno e : Errno.values()) if (e.meansVanished()) vanished.add(e);
        assertEquals(EnumSet.of(Errno.ENOENT, Errno.ESRCH), vanished);
    }

    @Test
    void meansPermissionOnlyForEaccesAndEperm() {
        Set<Errno> denied = EnumSet.noneOf(Errno.class);
        for (Errno e : Errno.values()) if (e.meansPermission()) denied.add(e);
        assertEquals(EnumSet.of(Errno.EACCES, Errno.EPERM), denied);
        assertFalse(Errno.UNKNOWN.meansPermission());
        assertTrue(Errno.of(new AccessDeniedException("/proc/1/ns/net")).meansPermission());
        assertTrue(Errno.of(new NoSuchFileException("/proc/4242")).meansVanished());
    }
}
