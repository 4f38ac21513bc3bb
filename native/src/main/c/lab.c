/*
 * nscope-init lab puppet: the labs' helper process. It does, one line at a
 * time, what nscope writes on its stdin, and answers on stdout with one
 * line each, so a lab can make the kernel do one thing per step and show
 * it: fork a child (and say its PID in every pid namespace, or the errno
 * the kernel gave), start threads, move one thread alone into a namespace
 * (no command-line tool does that), set a hostname, mount a tmpfs, join a
 * namespace, leave one for a new one while staying the same process (so a
 * step can show what the very same process may do before and after), eat
 * memory, fork until refused. It dies with its parent.
 *
 *   fork | reap | threads N | thread-setns I PATH | hostname NAME | mount-tmpfs PATH | setns PATH
 *   | unshare uts|ipc|net | hog | forkbomb | ids | exit
 */
#include "nscope-init.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_KIDS 4096
static pid_t kids[MAX_KIDS];
static int nkids;

/* a line of /proc/self/status ("NSpid", "CapEff", ...), its value after the tab */
static void status_line(const char *key, char *out, size_t size) {
    snprintf(out, size, "?");
    FILE *f = fopen("/proc/self/status", "r");
    char line[512];
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':') {
            char *v = line + n + 1;
            while (*v == '\t' || *v == ' ') v++;
            v[strcspn(v, "\n")] = 0;
            for (char *t = v; *t; t++)
                if (*t == '\t') *t = ' '; /* levels of NSpid are tab-separated: one space each */
            snprintf(out, size, "%s", v);
        }
    if (f) fclose(f);
}

static void park(void) {
    for (;;) pause();
}

static void fork_one(void) {
    pid_t p = fork();
    if (p < 0) {
        printf("fork fail %s\n", strerrorname_np(errno));
        return;
    }
    if (p == 0) {
        char nspid[256];
        status_line("NSpid", nspid, sizeof nspid);
        printf("child %s\n", nspid); /* its PID at every level, host first */
        fflush(stdout);
        park();
    }
    if (nkids < MAX_KIDS) kids[nkids++] = p;
    usleep(100000); /* the child's own line first */
    printf("fork ok %d\n", p);
}

static void reap(void) {
    for (int i = 0; i < nkids; i++) kill(kids[i], SIGKILL);
    for (int i = 0; i < nkids; i++) waitpid(kids[i], NULL, 0);
    printf("reaped %d\n", nkids);
    nkids = 0;
}

/* threads that wait for an order: a path to join (setns) */
#define MAX_THREADS 64
static struct thread {
    pthread_t t;
    pid_t tid;
    char path[512];
    int go, done, err;
    pthread_mutex_t m;
    pthread_cond_t c;
} threads[MAX_THREADS];
static int nthreads;

static void *thread_main(void *arg) {
    struct thread *t = arg;
    pthread_mutex_lock(&t->m);
    t->tid = (pid_t)syscall(SYS_gettid);
    pthread_cond_broadcast(&t->c);
    for (;;) {
        while (!t->go) pthread_cond_wait(&t->c, &t->m);
        t->go = 0;
        int fd = open(t->path, O_RDONLY | O_CLOEXEC);
        t->err = fd < 0 || setns(fd, 0) < 0 ? errno : 0;
        if (fd >= 0) close(fd);
        t->done = 1;
        pthread_cond_broadcast(&t->c);
    }
    return NULL;
}

static void start_threads(int n) {
    printf("threads");
    for (int i = 0; i < n && nthreads < MAX_THREADS; i++) {
        struct thread *t = &threads[nthreads++];
        pthread_mutex_init(&t->m, NULL);
        pthread_cond_init(&t->c, NULL);
        pthread_mutex_lock(&t->m);
        pthread_create(&t->t, NULL, thread_main, t);
        while (t->tid == 0) pthread_cond_wait(&t->c, &t->m);
        pthread_mutex_unlock(&t->m);
        printf(" %d", t->tid);
    }
    printf("\n");
}

static void thread_setns(int i, const char *path) {
    if (i < 0 || i >= nthreads) {
        printf("thread-setns fail no-such-thread\n");
        return;
    }
    struct thread *t = &threads[i];
    pthread_mutex_lock(&t->m);
    snprintf(t->path, sizeof t->path, "%s", path);
    t->done = 0;
    t->go = 1;
    pthread_cond_broadcast(&t->c);
    while (!t->done) pthread_cond_wait(&t->c, &t->m);
    pthread_mutex_unlock(&t->m);
    if (t->err) printf("thread-setns fail %s\n", strerrorname_np(t->err));
    else printf("thread-setns ok %d\n", t->tid);
}

/* a child that touches memory until the kernel kills it */
static void hog(void) {
    pid_t p = fork();
    if (p == 0) {
        for (;;) {
            char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (m == MAP_FAILED) park();
            memset(m, 1, 1 << 20);
        }
    }
    int ws = 0;
    waitpid(p, &ws, 0);
    if (WIFSIGNALED(ws)) printf("hog killed %s\n", sigabbrev_np(WTERMSIG(ws)));
    else printf("hog exited %d\n", WEXITSTATUS(ws));
}

/* children that sleep, forked until the kernel refuses */
static void forkbomb(void) {
    int n = 0;
    for (;;) {
        pid_t p = fork();
        if (p < 0) {
            printf("forkbomb %d then %s\n", n, strerrorname_np(errno));
            return;
        }
        if (p == 0) park();
        if (nkids < MAX_KIDS) kids[nkids++] = p;
        if (++n >= MAX_KIDS) {
            printf("forkbomb %d then stopped\n", n);
            return;
        }
    }
}

/*
 * pivot ROOT: the root of this mount namespace becomes ROOT, as
 * native/src/main/c/rootfs.c does it (bind it on itself so it is a mount,
 * pivot_root(".", "."), detach the old root stacked under it), then a
 * /proc of this pid namespace. Refused in the mount namespace of the
 * host's PID 1: there it would move every process's root.
 */
static void pivot(const char *root) {
    /* from a new pid namespace /proc/1 of the host's procfs is EACCES: the lab checks nscope's own mount namespace
       before it orders a pivot; this guards a puppet left in the host's pid and mount namespaces */
    struct stat mine, host;
    if (stat("/proc/self/ns/mnt", &mine) < 0 || (stat("/proc/1/ns/mnt", &host) == 0 && mine.st_ino == host.st_ino)) {
        printf("pivot fail not-in-a-new-mount-namespace\n");
        return;
    }
    const char *step = "bind";
    if (mount(root, root, NULL, MS_BIND | MS_REC, NULL) < 0) goto fail;
    step = "chdir";
    if (chdir(root) < 0) goto fail;
    step = "pivot_root";
    if (syscall(SYS_pivot_root, ".", ".") < 0) goto fail;
    step = "umount";
    if (umount2(".", MNT_DETACH) < 0) goto fail;
    step = "chdir";
    if (chdir("/") < 0) goto fail;
    step = "proc";
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) goto fail;
    printf("pivot ok\n");
    return;
fail:
    printf("pivot fail %s %s\n", step, strerrorname_np(errno));
}

static uint16_t checksum(const void *data, size_t n) {
    const uint16_t *w = data;
    uint32_t sum = 0;
    for (; n > 1; n -= 2) sum += *w++;
    if (n) sum += *(const uint8_t *)w;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* ping ADDR: ICMP echo requests on a raw socket, up to 3 a second apart, until one is answered */
static void ping(const char *addr) {
    struct sockaddr_in to = {.sin_family = AF_INET};
    if (inet_pton(AF_INET, addr, &to.sin_addr) != 1) {
        printf("ping fail not-an-address\n");
        return;
    }
    int s = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (s < 0) {
        printf("ping fail %s\n", strerrorname_np(errno));
        return;
    }
    struct timeval tv = {1, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    uint16_t id = (uint16_t)getpid();
    for (int seq = 1; seq <= 3; seq++) {
        struct icmphdr h = {.type = ICMP_ECHO};
        h.un.echo.id = htons(id);
        h.un.echo.sequence = htons((uint16_t)seq);
        h.checksum = checksum(&h, sizeof h);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (sendto(s, &h, sizeof h, 0, (struct sockaddr *)&to, sizeof to) < 0) {
            printf("ping fail %s\n", strerrorname_np(errno));
            close(s);
            return;
        }
        char buf[1500];
        ssize_t n;
        while ((n = recv(s, buf, sizeof buf, 0)) > 0) {
            struct iphdr *ip = (struct iphdr *)buf;
            size_t hl = (size_t)ip->ihl * 4;
            if ((size_t)n < hl + sizeof h) continue;
            struct icmphdr *r = (struct icmphdr *)(buf + hl);
            if (r->type != ICMP_ECHOREPLY || r->un.echo.id != htons(id) || ip->saddr != to.sin_addr.s_addr) continue;
            clock_gettime(CLOCK_MONOTONIC, &t1);
            long us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
            printf("ping reply from %s seq %d in %ld us\n", addr, seq, us);
            close(s);
            return;
        }
    }
    printf("ping fail no-reply\n");
    close(s);
}

static void ids(void) {
    char uid[128], eff[64], nspid[256];
    status_line("Uid", uid, sizeof uid);
    status_line("CapEff", eff, sizeof eff);
    status_line("NSpid", nspid, sizeof nspid);
    printf("ids uid %s caps %s nspid %s\n", uid, eff, nspid);
}

/*
 * lab run PROCS -- CMD...: joins the cgroup whose cgroup.procs is PROCS,
 * then execs CMD, so everything it starts (a child that unshared, a new
 * pid namespace's PID 1) is in the lab's cgroup from its first instruction
 * and one cgroup.kill ends it all, even after nscope itself was killed.
 */
static int lab_run(int argc, char **argv) {
    if (argc < 3 || strcmp(argv[1], "--") != 0) die("lab run", "usage: lab run CGROUP_PROCS -- CMD...");
    int fd = open(argv[0], O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, "0\n", 2) != 2) die("lab run", "cannot join the lab's cgroup");
    close(fd);
    execvp(argv[2], argv + 2);
    fprintf(stderr, "nscope-init lab run: %s: %s\n", argv[2], strerror(errno));
    return 127;
}

int lab_main(int argc, char **argv) {
    if (argc >= 1 && !strcmp(argv[0], "run")) return lab_run(argc - 1, argv + 1);
    if (argc < 1 || strcmp(argv[0], "puppet") != 0) die("lab", "usage: lab puppet | lab run CGROUP_PROCS -- CMD...");
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    setvbuf(stdout, NULL, _IOLBF, 0);
    char nspid[256];
    status_line("NSpid", nspid, sizeof nspid);
    printf("ready %s\n", nspid); /* its PID at every level, the host's first (as /proc shows it) */
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        char *cmd = strtok(line, " "), *a = strtok(NULL, " "), *b = strtok(NULL, " ");
        if (!cmd) continue;
        if (!strcmp(cmd, "fork")) fork_one();
        else if (!strcmp(cmd, "reap")) reap();
        else if (!strcmp(cmd, "threads") && a) start_threads(atoi(a));
        else if (!strcmp(cmd, "thread-setns") && a && b) thread_setns(atoi(a), b);
        else if (!strcmp(cmd, "hostname") && a) {
            if (sethostname(a, strlen(a)) < 0) printf("hostname fail %s\n", strerrorname_np(errno));
            else printf("hostname ok\n");
        }
        else if (!strcmp(cmd, "mount-tmpfs") && a) {
            if (mount("nscope-lab", a, "tmpfs", 0, "size=1m") < 0) printf("mount-tmpfs fail %s\n", strerrorname_np(errno));
            else printf("mount-tmpfs ok\n");
        } else if (!strcmp(cmd, "setns") && a) {
            int fd = open(a, O_RDONLY | O_CLOEXEC);
            if (fd < 0 || setns(fd, 0) < 0) printf("setns fail %s\n", strerrorname_np(errno));
            else printf("setns ok\n");
            if (fd >= 0) close(fd);
        } else if (!strcmp(cmd, "unshare") && a) {
            int f = !strcmp(a, "uts") ? CLONE_NEWUTS : !strcmp(a, "ipc") ? CLONE_NEWIPC : !strcmp(a, "net") ? CLONE_NEWNET : 0;
            if (!f) printf("unshare fail no-such-type\n");
            else if (unshare(f) < 0) printf("unshare fail %s\n", strerrorname_np(errno));
            else printf("unshare ok\n");
        } else if (!strcmp(cmd, "hog")) hog();
        else if (!strcmp(cmd, "forkbomb")) forkbomb();
        else if (!strcmp(cmd, "pivot") && a) pivot(a);
        else if (!strcmp(cmd, "ping") && a) ping(a);
        else if (!strcmp(cmd, "ids")) ids();
        else if (!strcmp(cmd, "exit")) break;
        else printf("unknown %s\n", cmd);
    }
    reap();
    return 0;
}
