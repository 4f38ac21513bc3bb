/*
 * The one-thread C floor of issue 17's task scan: every task of the host
 * (/proc/PID/task/TID), its ns directory opened with openat and its ten
 * links read with readlinkat, on one thread. Repeats the whole walk N times
 * and prints each walk's time and the median, as `nscope snapshot --bench N
 * --tasks-only` does for nscope's own scan. Built by app/bench/task-scan-vs-c
 * with gcc -O2 (not by Maven: it is a yardstick, not part of nscope).
 *
 *   task-links [N]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const LINKS[10] = {
    "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "time_for_children", "user", "uts",
};

static int numeric(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* One walk; returns the links read, and counts the tasks in *tasks. */
static long walk(long *tasks) {
    long links = 0;
    char buf[256], path[300]; /* d_name is at most 255 bytes */
    DIR *proc = opendir("/proc");
    if (!proc) return -1;
    struct dirent *p;
    while ((p = readdir(proc))) {
        if (!numeric(p->d_name)) continue;
        snprintf(path, sizeof path, "%s/task", p->d_name);
        int tfd = openat(dirfd(proc), path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (tfd < 0) continue; /* gone */
        DIR *task = fdopendir(tfd);
        if (!task) { close(tfd); continue; }
        struct dirent *t;
        while ((t = readdir(task))) {
            if (!numeric(t->d_name)) continue;
            snprintf(path, sizeof path, "%s/ns", t->d_name);
            int ns = openat(tfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (ns < 0) continue;
            (*tasks)++;
            for (int i = 0; i < 10; i++)
                if (readlinkat(ns, LINKS[i], buf, sizeof buf) > 0) links++;
            close(ns);
        }
        closedir(task);
    }
    closedir(proc);
    return links;
}

static int cmp(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 15;
    if (n < 1 || n > 1000) { fprintf(stderr, "usage: task-links [N]\n"); return 2; }
    long *ms = calloc(n, sizeof *ms);
    for (int i = 0; i < n; i++) {
        struct timespec a, b;
        long tasks = 0;
        clock_gettime(CLOCK_MONOTONIC, &a);
        long links = walk(&tasks);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (links < 0) { perror("/proc"); return 1; }
        ms[i] = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
        printf("walk %d: %ld ms, %ld tasks, %ld links\n", i + 1, ms[i], tasks, links);
    }
    qsort(ms, n, sizeof *ms, cmp);
    printf("median %ld ms over %d walks (C, one thread)\n", ms[n / 2], n);
    return 0;
}
