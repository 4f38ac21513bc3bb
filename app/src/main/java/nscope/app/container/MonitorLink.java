package nscope.app.container;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import nscope.act.ActionException;

/**
 * nscope's end of the socket to a container's monitor (nscope-init run):
 * one line at a time (pid N, go, ready, error ..., detach, exit N; see
 * native/src/main/c/run.c). The socket is the monitor's lifeline: when
 * nscope ends before "detach", for whatever reason, the monitor kills the
 * container it was making.
 */
final class MonitorLink implements AutoCloseable {
    private final Path path;
    private final ServerSocketChannel server;
    private SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(2048);

    private MonitorLink(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
    }

    /** Listens at path (in the container's 0700 directory). */
    static MonitorLink listen(Path path) throws ActionException {
        try {
            Files.deleteIfExists(path);
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(path));
            return new MonitorLink(path, s);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ActionException("cannot listen at " + path + ": " + e.getMessage());
        }
    }

    /** The monitor's connection, waited for while it lives, at most seconds. */
    void accept(BooleanSupplier alive, int seconds) throws ActionException {
        try (Selector sel = Selector.open()) {
            server.configureBlocking(false);
            server.register(sel, SelectionKey.OP_ACCEPT);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (channel == null) {
                if (System.nanoTime() > end)
                    throw new ActionException("the helper did not connect within " + seconds + " s");
                if (sel.select(50) > 0) channel = server.accept();
                else if (!alive.getAsBoolean()) throw new ActionException("the helper ended before it connected");
            }
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new ActionException("the helper's socket: " + e.getMessage());
        }
    }

    /** The next line from the monitor, waited for at most seconds; null when it closed the socket. */
    String read(int seconds) throws ActionException {
        try (Selector sel = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(sel, SelectionKey.OP_READ);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (true) {
                for (int i = 0; i < in.position(); i++)
                    if (in.get(i) == '\n') {
                        String line = new String(in.array(), 0, i, StandardCharsets.UTF_8);
                        in.flip().position(i + 1);
                        in.compact();
                        return line;
                    }
                if (System.nanoTime() > end)
                    throw new ActionException("the helper said nothing within " + seconds + " s");
                if (sel.select(100) > 0) {
                    sel.selectedKeys().clear();
                    if (channel.read(in) < 0) return null;
                    if (!in.hasRemaining()) throw new ActionException("the helper's line is too long");
                }
            }
        } catch (IOException e) {
            throw new ActionException("the helper's socket: " + e.getMessage());
        }
    }

    void send(String line) throws ActionException {
        try {
            channel.configureBlocking(true);
            ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) channel.write(b);
        } catch (IOException e) {
            throw new ActionException("the helper's socket: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            if (channel != null) channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the monitor sees the socket close either way
        }
    }
}
