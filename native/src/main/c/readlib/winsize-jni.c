/*
 * The terminal's size from the kernel (TIOCGWINSZ), for nscope.kernel.WindowSize:
 * the screen's start knows its size without asking the terminal (a round trip
 * over a slow link) and without binding libc by jnr-ffi (some 0.2 s).
 */
#include <errno.h>
#include <jni.h>
#include <sys/ioctl.h>

/* rows << 16 | columns, or minus the errno */
JNIEXPORT jlong JNICALL Java_nscope_kernel_WindowSize_query(JNIEnv *env, jclass cls, jint fd) {
    (void)env;
    (void)cls;
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) != 0) return -(jlong)errno;
    return ((jlong)w.ws_row << 16) | (jlong)w.ws_col;
}
