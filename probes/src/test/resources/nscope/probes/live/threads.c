/* A process with N extra threads for live cgroup tests: prints its PID and
 * every thread's TID (one per line, "ready" last), then waits until killed. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int started;

static void *run(void *arg) {
    (void) arg;
    pthread_mutex_lock(&lock);
    printf("%ld\n", (long) syscall(SYS_gettid));
    fflush(stdout);
    started++;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    for (;;) pause();
    return NULL;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 2;
    printf("%ld\n", (long) getpid());
    fflush(stdout);
    for (int i = 0; i < n; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, run, NULL) != 0) return 1;
    }
    pthread_mutex_lock(&lock);
    while (started < n) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    printf("ready\n");
    fflush(stdout);
    for (;;) pause();
}
