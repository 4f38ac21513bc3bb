/*
 * The last steps before the command, in runc's order: a session of its own
 * (so its /dev/tty is never the operator's), the capability bounding set
 * cut to the container's, the user, the permitted, effective and
 * inheritable sets, no ambient ones, no_new_privs, the seccomp filter
 * (last when no_new_privs is set; before the capabilities go when it is
 * not, since loading a filter then needs CAP_SYS_ADMIN), every descriptor
 * above 2 closed on exec, and execve. Only then is the command looked up,
 * in the container's PATH.
 */
#include "nscope-init.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <net/if.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

void loopback_up(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) die("network", "socket: %s", strerror(errno));
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    if (ioctl(s, SIOCGIFFLAGS, &r) < 0) die("network", "lo: %s", strerror(errno));
    r.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &r) < 0) die("network", "cannot bring lo up: %s", strerror(errno));
    close(s);
}

static int last_cap(void) {
    int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
    char b[16] = {0};
    if (fd >= 0) {
        if (read(fd, b, sizeof b - 1) < 0) b[0] = 0;
        close(fd);
    }
    int n = atoi(b);
    return n > 0 ? n : 40; /* /proc is the container's now; it has the file, but be safe */
}

static uint32_t cmp_op(const char *op) {
    static const char *names[] = {"ne", "lt", "le", "eq", "ge", "gt", "masked_eq"};
    static const uint32_t ops[] = {SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_EQ, SCMP_CMP_GE, SCMP_CMP_GT, SCMP_CMP_MASKED_EQ};
    for (unsigned i = 0; i < 7; i++) if (!strcmp(op, names[i])) return ops[i];
    die("seccomp", "unknown comparison %s", op);
}

static uint32_t action(const char *a) {
    if (!strcmp(a, "allow")) return SCMP_ACT_ALLOW;
    if (!strcmp(a, "kill")) return SCMP_ACT_KILL_PROCESS;
    if (!strcmp(a, "trap")) return SCMP_ACT_TRAP;
    if (!strcmp(a, "log")) return SCMP_ACT_LOG;
    if (!strncmp(a, "errno:", 6)) return SCMP_ACT_ERRNO((uint16_t)atoi(a + 6));
    if (!strcmp(a, "errno")) return SCMP_ACT_ERRNO(1);
    die("seccomp", "unknown action %s", a);
}

/* Docker's default profile as nscope computed it for this architecture, kernel and capability set. */
static void load_seccomp(const struct conf *c) {
    char def[64];
    snprintf(def, sizeof def, "%s", c->sc_default);
    char *sp = strchr(def, ' ');
    if (sp) *sp = ':';
    scmp_filter_ctx ctx = seccomp_init(action(def));
    if (!ctx) die("seccomp", "seccomp_init failed");
    /* libseccomp would set no_new_privs itself; that is --allow-new-privileges' to decide */
    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
    /* only this architecture: x32 and i386 system calls are refused */
    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ERRNO(1));
    for (int i = 0; i < c->nrules; i++) {
        char line[4096];
        snprintf(line, sizeof line, "%s", c->rules[i]);
        char *save = NULL, *act = strtok_r(line, " ", &save), *name = strtok_r(NULL, " ", &save);
        if (!act || !name) die("seccomp", "bad rule %s", c->rules[i]);
        int nr = seccomp_syscall_resolve_name(name);
        if (nr == __NR_SCMP_ERROR) continue; /* newer than this libseccomp: as runc, skipped */
        struct scmp_arg_cmp cmp[6];
        unsigned n = 0;
        for (char *cond; (cond = strtok_r(NULL, " ", &save)) && n < 6; n++) {
            char *f[4] = {0};
            int k = 0;
            for (char *s2 = NULL, *t = strtok_r(cond, ":", &s2); t && k < 4; t = strtok_r(NULL, ":", &s2)) f[k++] = t;
            if (k != 4) die("seccomp", "bad condition in %s", c->rules[i]);
            cmp[n] = (struct scmp_arg_cmp){.arg = (unsigned)atoi(f[0]), .op = cmp_op(f[1]),
                                           .datum_a = strtoull(f[2], NULL, 10), .datum_b = strtoull(f[3], NULL, 10)};
        }
        int rc = seccomp_rule_add_array(ctx, action(act), nr, n, cmp);
        if (rc < 0) die("seccomp", "rule %s: %s", c->rules[i], strerror(-rc));
    }
    int rc = seccomp_load(ctx);
    if (rc < 0) die("seccomp", "the filter was refused by the kernel: %s", strerror(-rc));
    seccomp_release(ctx);
}

static void set_caps(uint64_t caps) {
    struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct d[2];
    memset(d, 0, sizeof d);
    for (int i = 0; i < 2; i++) {
        d[i].effective = d[i].permitted = (uint32_t)(caps >> (32 * i));
        d[i].inheritable = 0; /* as runc since CVE-2022-24769: nothing inherited through exec */
    }
    if (syscall(SYS_capset, &h, d) < 0) die("capabilities", "capset: %s", strerror(errno));
}

void confine_and_exec(const struct conf *c, int status_fd) {
    report_fd = status_fd;
    if (setsid() < 0) die("session", "setsid: %s", strerror(errno));
    if (isatty(0) && ioctl(0, TIOCSCTTY, 0) < 0) die("session", "cannot take its terminal: %s", strerror(errno));
    int filter = c->sc_default != NULL;
    if (c->caps_given) {
        for (int i = 0; i <= last_cap(); i++)
            if (!(c->caps >> i & 1) && prctl(PR_CAPBSET_DROP, i, 0, 0, 0) < 0 && errno != EINVAL)
                die("capabilities", "cannot drop capability %d from the bounding set: %s", i, strerror(errno));
    }
    if (filter && !c->nnp) load_seccomp(c);
    if (c->nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) die("no_new_privs", "%s", strerror(errno));
    if (c->has_user) {
        if (setgroups(1, &c->gid) < 0) die("user", "setgroups: %s", strerror(errno));
        if (setresgid(c->gid, c->gid, c->gid) < 0) die("user", "cannot become group %u: %s", c->gid, strerror(errno));
        if (setresuid(c->uid, c->uid, c->uid) < 0) die("user", "cannot become user %u: %s", c->uid, strerror(errno));
    }
    if (c->caps_given) set_caps(c->has_user && c->uid != 0 ? 0 : c->caps);
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
        die("capabilities", "cannot clear the ambient set: %s", strerror(errno));
    if (chdir(c->cwd) < 0) die("cwd", "cannot enter %s: %s", c->cwd, strerror(errno));
    if (filter && c->nnp) load_seccomp(c);
    /* a change of user clears the parent-death signal: set it again, so the command still dies with its monitor (the
       write of "X" below fails if the monitor is already gone) */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) die("monitor", "PR_SET_PDEATHSIG: %s", strerror(errno));
    if (syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) < 0) die("descriptors", "close_range: %s", strerror(errno));
    /* "X": every step is done; what follows is the exec's own failure, or nothing when it succeeds */
    if (write_all(status_fd, "X", 1) < 0) die("exec", "lost the monitor");
    const char *env[MAX_LIST];
    for (int i = 0; i < c->nenv; i++) env[i] = c->env[i];
    env[c->nenv] = NULL;
    environ = (char **)env;
    char *argv[MAX_LIST];
    for (int i = 0; i < c->nargs; i++) argv[i] = (char *)c->args[i];
    argv[c->nargs] = NULL;
    execvp(argv[0], argv);
    die("exec", "%s: %s", argv[0], strerror(errno));
}
