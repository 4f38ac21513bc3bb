package nscope.kernel;

import jnr.ffi.NativeType;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;

/**
 * The two fields of struct stat that name a file: device and inode.
 *
 * Why a jnr-ffi struct and not jnr-posix's FileStat: jnr-posix would load a
 * second libc binding that reports failures through its own POSIXHandler,
 * not the saved errno every other call here turns into a KernelException,
 * and it is a dependency for two numbers. The layout risk is small: on every
 * 64-bit Linux (x86_64's own struct stat and the generic one of aarch64,
 * riscv64) st_dev and st_ino are the first two 64-bit fields. The rest is
 * padding, larger than any 64-bit struct stat (144 bytes on x86_64, 128
 * generic), so the kernel never writes past it. 32-bit JVMs are not supported.
 */
final class StatBuf extends Struct {
    final Unsigned64 dev = new Unsigned64();
    final Unsigned64 ino = new Unsigned64();

    @SuppressWarnings("unused")
    private final Padding rest = new Padding(NativeType.UCHAR, 256 - 16);

    /** st_mode: after st_nlink (8 bytes) on x86_64, right after st_ino in the generic layout (aarch64, riscv64). */
    int mode() {
        return Struct.getMemory(this).getInt("amd64".equals(System.getProperty("os.arch")) ? 24 : 16);
    }

    StatBuf(Runtime runtime) {
        super(runtime);
    }
}
