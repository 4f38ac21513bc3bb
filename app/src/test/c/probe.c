/*
 * The container tests' probe, built static into their images: it says
 * from the inside what a process there can and cannot do, one KEY=VALUE
 * per line. Every call is made with arguments that do nothing even where
 * the call is allowed (a bad magic number, a missing file, a bad fd).
 *
 *   probe status | syscalls | files | tiocsti TEXT | hello
 *   any other name (a copy placed as /bin/umount, /bin/sh, ...): a tattler
 *   that records it was run, in the host's file TATTLE_HOST and in /tattled
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/reboot.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#ifndef TATTLE_HOST
#define TATTLE_HOST "/run/nscope-test/tattled"
#endif

static void result(const char *name, long r) { printf("%s=%s\n", name, r < 0 ? strerrorname_np(errno) : "ok"); }

static void syscalls(void) {
    struct timespec ts = {0, 0};
    result("kexec_load", syscall(SYS_kexec_load, 0, 1000, NULL, 0));
    result("init_module", syscall(SYS_init_module, NULL, 0, ""));
    result("finit_module", syscall(SYS_finit_module, -1, "", 0));
    result("delete_module", syscall(SYS_delete_module, "nscope_no_such_module", 0));
    result("open_by_handle_at", syscall(SYS_open_by_handle_at, -1, NULL, 0));
    result("bpf", syscall(SYS_bpf, -1, NULL, 0));
    result("perf_event_open", syscall(SYS_perf_event_open, NULL, -1, -1, -1, 0));
    result("keyctl", syscall(SYS_keyctl, 0, -100, 0));
    result("add_key", syscall(SYS_add_key, NULL, NULL, NULL, 0, 0));
    result("request_key", syscall(SYS_request_key, NULL, NULL, NULL, 0));
    result("mount", syscall(SYS_mount, NULL, "/nscope-no-such-dir", NULL, MS_REMOUNT, NULL));
    result("umount2", syscall(SYS_umount2, "/nscope-no-such-dir", 0));
    result("pivot_root", syscall(SYS_pivot_root, "/nscope-no-such-dir", "/nscope-no-such-dir"));
    result("unshare", syscall(SYS_unshare, CLONE_NEWUTS));
    result("setns", syscall(SYS_setns, -1, 0));
    result("reboot", syscall(SYS_reboot, 0, 0, 0, NULL));
    result("swapon", syscall(SYS_swapon, "/nscope-no-such-file", 0));
    result("swapoff", syscall(SYS_swapoff, "/nscope-no-such-file"));
    result("acct", syscall(SYS_acct, (void *)1));
    result("iopl", syscall(SYS_iopl, 4));
    result("ioperm", syscall(SYS_ioperm, 0, 0, 0));
    result("settimeofday", syscall(SYS_settimeofday, NULL, NULL));
    result("clock_settime", syscall(SYS_clock_settime, -1, &ts));
    /* getpid through the x32 ABI (the same entry, the x32 bit set): another architecture to the filter */
    result("x32", syscall(0x40000000 | SYS_getpid));
}

static void files(void) {
    int fd = open("/proc/sys/kernel/core_pattern", O_WRONLY);
    printf("core_pattern_write=%s\n", fd < 0 ? strerrorname_np(errno) : "ok");
    const char *reads[] = {"/proc/keys", "/proc/timer_list", "/proc/kcore", "/proc/sched_debug", "/sys/firmware"};
    for (unsigned i = 0; i < 5; i++) {
        char buf[256];
        int f = open(reads[i], O_RDONLY);
        long n = f < 0 ? -1 : read(f, buf, sizeof buf);
        printf("read %s=%s\n", reads[i], f < 0 ? strerrorname_np(errno) : n > 0 ? "data" : n == 0 ? "empty" : strerrorname_np(errno));
    }
    result("remount_sys_rw", mount(NULL, "/sys", NULL, MS_REMOUNT | MS_BIND, NULL));
    result("mknod_kmsg", mknod("/tmp/nscope-kmsg", S_IFCHR | 0600, makedev(1, 11)));
    result("mknod_null", mknod("/tmp/nscope-null", S_IFCHR | 0600, makedev(1, 3)));
    unlink("/tmp/nscope-kmsg");
    unlink("/tmp/nscope-null");
    int w = open("/nscope-write-test", O_WRONLY | O_CREAT, 0600);
    printf("write_root=%s\n", w < 0 ? strerrorname_np(errno) : "ok");
    unlink("/nscope-write-test");
}

/* Types TEXT into every terminal it can: each descriptor it holds, and /dev/tty. */
static void tiocsti(const char *text) {
    int tty = open("/dev/tty", O_RDWR);
    printf("dev_tty=%s\n", tty < 0 ? strerrorname_np(errno) : "open");
    for (int fd = 0; fd < 256; fd++) {
        if (fcntl(fd, F_GETFD) < 0) continue;
        int ok = 1;
        for (const char *p = text; *p && ok; p++) ok = ioctl(fd, TIOCSTI, p) == 0;
        printf("tiocsti fd %d=%s\n", fd, ok ? "typed" : strerrorname_np(errno));
    }
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *me = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    const char *mode = strcmp(me, "probe") == 0 && argc > 1 ? argv[1] : strcmp(me, "probe") == 0 ? "status" : "tattle";
    if (!strcmp(mode, "status")) {
        FILE *f = fopen("/proc/self/status", "r");
        char line[256];
        while (f && fgets(line, sizeof line, f))
            if (!strncmp(line, "Cap", 3) || !strncmp(line, "NoNewPrivs", 10) || !strncmp(line, "Seccomp:", 8) || !strncmp(line, "Uid", 3)
                || !strncmp(line, "Gid", 3)) fputs(line, stdout);
    } else if (!strcmp(mode, "syscalls")) {
        syscalls();
    } else if (!strcmp(mode, "files")) {
        files();
    } else if (!strcmp(mode, "tiocsti") && argc > 2) {
        tiocsti(argv[2]);
    } else if (!strcmp(mode, "hello")) {
        int h = open(TATTLE_HOST, O_WRONLY | O_CREAT | O_APPEND, 0600);
        printf("hello from %s, host file %s\n", argv[0], h < 0 ? "unreachable" : "REACHED");
    } else {
        int h = open(TATTLE_HOST, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (h >= 0) dprintf(h, "%s ran with the host's root in reach\n", argv[0]);
        int c = open("/tattled", O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (c >= 0) dprintf(c, "%s ran\n", argv[0]);
        printf("TATTLER %s ran\n", argv[0]);
    }
    return 0;
}
