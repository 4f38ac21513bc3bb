/*
 * nscope-init exec: a command inside a running container, confined as its
 * PID 1 is (docker exec's model): its namespaces are joined through the
 * files nscope opened and checked (/proc/NSCOPE/fd/N), the user namespace
 * first, the mount namespace last (which makes the container's root this
 * process's root), then a fork (a pid namespace holds only children), and
 * the child takes the container's capabilities, no_new_privs and seccomp
 * filter, a session of its own, and execs. This process waits and exits
 * with the command's status (128+N for signal N).
 *
 *   nscope-init exec [-c CONF]... [--ns TYPE=PATH]... [--stop-first]
 *                    [--user UID:GID] [--cwd DIR] [--env K=V]... -- CMD [ARG]...
 */
#include "nscope-init.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct { const char *name; int flag; } ORDER[] = {
    {"user", CLONE_NEWUSER}, {"cgroup", CLONE_NEWCGROUP}, {"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS},
    {"net", CLONE_NEWNET},   {"pid", CLONE_NEWPID},       {"time", CLONE_NEWTIME}, {"mnt", CLONE_NEWNS},
};
#define NTYPES (int)(sizeof ORDER / sizeof ORDER[0])

int enter_main(int argc, char **argv) {
    struct conf c;
    conf_init(&c);
    int fds[NTYPES];
    for (int i = 0; i < NTYPES; i++) fds[i] = -1;
    int stop_first = 0, i = 0;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--stop-first")) { stop_first = 1; continue; }
        if (!v) die("usage", "%s needs a value", a);
        i++;
        if (!strcmp(a, "-c")) conf_read(&c, v);
        else if (!strcmp(a, "--cwd")) c.cwd = v;
        else if (!strcmp(a, "--env")) { if (c.nenv < MAX_LIST - 1) c.env[c.nenv++] = v; }
        else if (!strcmp(a, "--user")) {
            c.has_user = 1;
            c.uid = (uid_t)strtoul(v, NULL, 10);
            const char *colon = strchr(v, ':');
            c.gid = colon ? (gid_t)strtoul(colon + 1, NULL, 10) : (gid_t)c.uid;
        } else if (!strcmp(a, "--ns")) {
            const char *eq = strchr(v, '=');
            int t = -1;
            for (int k = 0; k < NTYPES && eq; k++) if (strlen(ORDER[k].name) == (size_t)(eq - v) && !strncmp(v, ORDER[k].name, (size_t)(eq - v))) t = k;
            if (t < 0) die("usage", "--ns TYPE=PATH, not %s", v);
            fds[t] = open(eq + 1, O_RDONLY | O_CLOEXEC);
            if (fds[t] < 0) die("enter", "cannot open %s: %s", eq + 1, strerror(errno));
        } else die("usage", "unknown option %s", a);
    }
    if (i + 1 >= argc) die("usage", "no command after --");
    for (int k = i + 1; k < argc && c.nargs < MAX_LIST - 1; k++) c.args[c.nargs++] = argv[k];
    if (stop_first) raise(SIGSTOP); /* nscope moves this process into the container's cgroups, then lets it go on */
    for (int k = 0; k < NTYPES; k++) {
        if (fds[k] < 0) continue;
        if (setns(fds[k], ORDER[k].flag) < 0) die("enter", "cannot join the %s namespace: %s", ORDER[k].name, strerror(errno));
        close(fds[k]);
        /* joined a user namespace: become its root, as nsenter does (host root is not mapped there) */
        if (ORDER[k].flag == CLONE_NEWUSER && (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0 || setgroups(0, NULL) < 0))
            die("enter", "cannot become the user namespace's root: %s", strerror(errno));
    }
    int ep[2];
    if (pipe2(ep, O_CLOEXEC) < 0) die("enter", "pipe: %s", strerror(errno));
    pid_t child = fork();
    if (child < 0) die("enter", "fork: %s", strerror(errno));
    if (child == 0) {
        close(ep[0]);
        /* getppid() is 0 in the container's pid namespace: the parent's death is seen by PR_SET_PDEATHSIG alone */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        confine_and_exec(&c, ep[1]);
    }
    close(ep[1]);
    /* Ctrl-C and the like are for the command (its own session on the pty, or nscope's on pipes): this one only waits */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    char why[1024];
    size_t n = 0;
    for (ssize_t r; n < sizeof why - 1 && ((r = read(ep[0], why + n, sizeof why - 1 - n)) > 0 || (r < 0 && errno == EINTR));)
        if (r > 0) n += (size_t)r;
    why[n] = 0;
    int ws = 0;
    if (!(n == 1 && why[0] == 'X')) {
        while (waitpid(child, &ws, 0) < 0 && errno == EINTR) {}
        fprintf(stderr, "nscope: enter: %s\n", why[0] == 'X' ? why + 1 : why[0] ? why : "the command's process died before it started");
        return 126;
    }
    while (waitpid(child, &ws, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}
