/*
 * nscope-init run CONF...: one container. This process is its monitor: it
 * stays outside the container (a session of its own, a private mount
 * namespace, the host's pid namespace) and forks PID 1 with clone3 into
 * new pid, mount, uts, ipc and net namespaces (and user and time ones on
 * request). nscope talks to it over a Unix socket, one line at a time:
 *
 *   monitor -> nscope   pid N        PID 1 exists (host PID N) and waits
 *   nscope -> monitor   go           its cgroups, id maps and network are ready
 *   monitor -> nscope   ready | error STEP: WHY
 *   nscope -> monitor   detach       (run -d) nscope goes; the monitor stays
 *   monitor -> nscope   exit STATUS  when PID 1 ends
 *
 * Until "detach", the socket is nscope's lifeline: if it closes (nscope
 * killed at any moment), PID 1 is killed, and with it the whole pid
 * namespace; PID 1 dies with the monitor too (PR_SET_PDEATHSIG), so
 * nothing escapes the kernel objects nscope named in its state first.
 * When PID 1 ends, its status goes to the exit file (128+N for signal N).
 */
#include "nscope-init.h"

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static int ctl = -1; /* the socket to nscope */

static void say(const char *fmt, const char *arg) {
    char line[1100];
    snprintf(line, sizeof line, fmt, arg);
    if (ctl >= 0) write_all(ctl, line, strlen(line));
}

/* One line from nscope (without its newline); NULL when the socket closed. */
static char *hear(void) {
    static char buf[256];
    size_t n = 0;
    while (n < sizeof buf - 1) {
        ssize_t r = read(ctl, buf + n, 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return NULL;
        if (buf[n] == '\n') break;
        n++;
    }
    buf[n] = 0;
    return buf;
}

static void send_fd(int sock, int fd) {
    char byte = 'g';
    struct iovec io = {.iov_base = &byte, .iov_len = 1};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr m = {.msg_iov = &io, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    if (sendmsg(sock, &m, 0) != 1) die("start", "cannot hand the root to PID 1: %s", strerror(errno));
}

static int recv_fd(int sock) {
    char byte;
    struct iovec io = {.iov_base = &byte, .iov_len = 1};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr m = {.msg_iov = &io, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) != 1) _exit(125); /* the monitor went: nothing to do */
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    if (!c || c->cmsg_type != SCM_RIGHTS) _exit(125);
    int fd;
    memcpy(&fd, CMSG_DATA(c), sizeof fd);
    return fd;
}

/* PID 1, in its new namespaces: waits for its root, builds the container, runs the command. */
static void pid1(const struct conf *c, int sock, int status_fd, pid_t monitor) {
    (void)monitor;
    /* getppid() is 0 here (the monitor is outside the new pid namespace): if the monitor died before this
       line, the socket below is closed and PID 1 ends there */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    report_fd = status_fd;
    int root = recv_fd(sock);
    close(sock);
    /* with a user namespace, nscope has written its id maps by now: become its root (until here this process was
       host root, an id the namespace does not map, so files it made would be refused) */
    if (c->userns && (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0 || setgroups(0, NULL) < 0))
        die("user namespace", "cannot become its root (are the id maps written?): %s", strerror(errno));
    /* now in its cgroups: a cgroup namespace rooted there */
    if (unshare(CLONE_NEWCGROUP) < 0) die("cgroup namespace", "%s", strerror(errno));
    if (c->hostname && sethostname(c->hostname, strlen(c->hostname)) < 0) die("hostname", "%s", strerror(errno));
    if (strcmp(c->net, "none") != 0) loopback_up();
    rootfs_setup(c, root);
    close(root);
    confine_and_exec(c, status_fd);
}

static void write_exit(const struct conf *c, int status) {
    if (!c->exitfile) return;
    char tmp[4200], text[32];
    snprintf(tmp, sizeof tmp, "%s.tmp", c->exitfile);
    snprintf(text, sizeof text, "%d\n", status);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return;
    write_all(fd, text, strlen(text));
    close(fd);
    rename(tmp, c->exitfile);
}

static int status_of(int ws) { return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws); }

/* The setup's result from PID 1: "X" then EOF is a done exec; anything after "X", or no "X", is a failure. */
static int setup_result(int status_fd, char *why, size_t size) {
    size_t n = 0;
    for (;;) {
        ssize_t r = read(status_fd, why + n, size - 1 - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0 || n + (size_t)r >= size - 1) break;
        n += (size_t)r;
    }
    why[n] = 0;
    if (n == 1 && why[0] == 'X') return 0;
    if (why[0] == 'X') memmove(why, why + 1, n);
    if (!why[0]) snprintf(why, size, "start: PID 1 died while the container was being set up");
    return -1;
}

int run_main(int argc, char **argv) {
    struct conf c;
    conf_init(&c);
    for (int i = 0; i < argc; i++) conf_read(&c, argv[i]);
    if (!c.socket || !c.root || !c.lower || !c.upper || !c.work || c.nargs == 0) die("config", "incomplete: socket, root, layers and a command are needed");
    if (setsid() < 0) die("start", "setsid: %s", strerror(errno));
    ctl = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", c.socket);
    if (ctl < 0 || connect(ctl, (struct sockaddr *)&a, sizeof a) < 0) die("start", "cannot reach nscope at %s: %s", c.socket, strerror(errno));
    die_socket = ctl;
    /* a private mount namespace: nothing mounted here reaches the host's, and it ends with this process */
    if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) die("start", "private mounts: %s", strerror(errno));
    int sp[2], ep[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0 || pipe2(ep, O_CLOEXEC) < 0) die("start", "%s", strerror(errno));
    pid_t me = getpid();
    struct clone_args ca = {.flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET
                                     | (c.userns ? CLONE_NEWUSER : 0) | (c.timens ? CLONE_NEWTIME : 0),
                            .exit_signal = SIGCHLD};
    pid_t child = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
    if (child < 0) die("start", "clone3: %s", strerror(errno));
    if (child == 0) {
        close(sp[0]);
        close(ep[0]);
        close(ctl);
        die_socket = -1;
        pid1(&c, sp[1], ep[1], me);
    }
    close(sp[1]);
    close(ep[1]);
    /* the terminal or pipes are PID 1's; the monitor keeps none of them (so their reader sees the end when PID 1 ends) */
    if (c.interactive) {
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        for (int fd = 0; fd < 3; fd++) dup2(null, fd);
        close(null);
    }
    char pidline[32];
    snprintf(pidline, sizeof pidline, "%d", child);
    say("pid %s\n", pidline);
    char *line = hear();
    if (!line || strcmp(line, "go") != 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        return 125;
    }
    int rootfd = overlay_mount(&c, child);
    send_fd(sp[0], rootfd);
    close(rootfd);
    close(sp[0]);
    char why[1024];
    if (setup_result(ep[0], why, sizeof why) < 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        say("error %s\n", why);
        return 125;
    }
    close(ep[0]);
    say("ready\n%s", "");
    int pidfd = (int)syscall(SYS_pidfd_open, child, 0);
    struct pollfd p[2] = {{.fd = pidfd, .events = POLLIN}, {.fd = ctl, .events = POLLIN}};
    for (;;) {
        int n = poll(p, ctl >= 0 ? 2 : 1, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 || p[0].revents) break;
        if (p[1].revents) {
            line = hear();
            if (line && strcmp(line, "detach") == 0) {
                close(ctl);
                ctl = die_socket = -1;
            } else if (!line) {
                kill(child, SIGKILL); /* nscope went before it let the container go */
                break;
            }
        }
    }
    int ws = 0;
    while (waitpid(child, &ws, 0) < 0 && errno == EINTR) {}
    int status = status_of(ws);
    write_exit(&c, status);
    snprintf(pidline, sizeof pidline, "%d", status);
    say("exit %s\n", pidline);
    return status;
}
