package nscope.app.container;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import nscope.act.ActionException;
import nscope.app.exec.StateDirs;

/**
 * The containers' lock (flock on .lock in the state directory): held while
 * a name is taken, an address or an id range is handed out, and a bridge is
 * made or removed, so parallel nscope runs never give two containers one
 * address and never remove a bridge another is about to use. The kernel
 * drops it when its holder dies, so a killed nscope leaves no stale lock.
 */
final class ContainerLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ContainerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static ContainerLock take() throws ActionException {
        Path root = ContainerState.root();
        try {
            StateDirs.closed(root);
            FileChannel c = FileChannel.open(
                    root.resolve(".lock"),
                    java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                return new ContainerLock(c, c.lock());
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (IOException e) {
            throw new ActionException("cannot lock " + root.resolve(".lock") + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel drops the lock anyway
        }
    }
}
