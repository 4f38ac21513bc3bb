/*
 * nscope-init: the part of nscope's containers that the multithreaded JVM
 * cannot do. Built static (glibc and libseccomp linked in), so it needs
 * nothing from the image or, once the old root is gone, from the host.
 *
 *   nscope-init run CONF...        a container: monitor + PID 1 (run.c)
 *   nscope-init exec [OPTIONS] -- CMD   enter a container with its confinement (enter.c)
 *   nscope-init devices CGROUP RULE...  a device allow list on cgroup v2 (devices.c)
 *   nscope-init lab puppet         the labs' helper: one kernel action per line of its stdin (lab.c)
 *
 * No file of the image is executed or trusted before the user's command:
 * mount targets are resolved inside the new root without following links,
 * the old root is detached by this program, and only then is the command
 * looked up (in the container's own PATH) and executed.
 */
#ifndef NSCOPE_INIT_H
#define NSCOPE_INIT_H

#define _GNU_SOURCE
#include <stdint.h>
#include <sys/types.h>

#define MAX_LIST 512

/* What a container is made of, and how it is confined (the config files). */
struct conf {
    /* run */
    const char *name, *socket, *root, *lower, *upper, *work, *hostname, *net, *exitfile, *cwd;
    int userns, timens, readonly_root, interactive, privileged;
    const char *devs[32]; int ndevs;
    const char *env[MAX_LIST]; int nenv;
    const char *args[MAX_LIST]; int nargs;
    /* confinement (also for exec) */
    int caps_given; uint64_t caps;
    int nnp;
    int has_user; uid_t uid; gid_t gid;
    const char *masks[64]; int nmasks;
    const char *ros[64]; int nros;
    const char *sc_default;               /* "errno 1", "allow", "kill"; NULL: no filter */
    const char *rules[1024]; int nrules;  /* each "ACTION NAME [COND...]", decoded, space-joined */
};

/* conf.c */
int conf_read(struct conf *c, const char *path);
void conf_init(struct conf *c);

/* util */
void die(const char *step, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
extern int report_fd;  /* where die() writes "step: message" (the exec-status pipe), -1: stderr */
extern int die_socket; /* the monitor's socket to nscope: die() says "error step: message" there first */
int write_all(int fd, const char *buf, size_t n);

/* rootfs.c */
int overlay_mount(const struct conf *c, pid_t child);   /* monitor: the root, mounted in the child's mount namespace; an fd of it */
void rootfs_setup(const struct conf *c, int rootfd);    /* child: /proc, /dev, /sys, masks, pivot_root */

/* confine.c */
void confine_and_exec(const struct conf *c, int status_fd) __attribute__((noreturn));
void loopback_up(void);

/* run.c, enter.c */
int run_main(int argc, char **argv);
int enter_main(int argc, char **argv);
int devices_main(int argc, char **argv);
int lab_main(int argc, char **argv);

#endif
