/*
 * The container's root. The monitor (host root, in a private mount
 * namespace of its own) builds the overlay with the new mount API, every
 * layer passed as /proc/self/fd/N of a descriptor it opened, so no path of
 * the user's needs escaping; with a user namespace the image layer is an
 * idmapped mount of it (files owned by host root show as the container's
 * root, and nothing is copied or chowned). It then attaches the overlay in
 * the container's mount namespace and hands the child a descriptor of it.
 *
 * The child mounts /proc, /dev and /sys inside that root, each target
 * looked up from the root's descriptor with openat2(RESOLVE_IN_ROOT |
 * RESOLVE_NO_SYMLINKS): an image whose /proc is a link is refused, never
 * followed to a host path. Then pivot_root and a lazy unmount of the old
 * root, done here, not by a tool looked up in the image.
 */
#include "nscope-init.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int openat2_(int dir, const char *path, int flags, unsigned long long resolve) {
    struct open_how how = {.flags = (unsigned long long)flags, .resolve = resolve};
    return (int)syscall(SYS_openat2, dir, path, &how, sizeof how);
}

static void fsset(int fs, const char *key, const char *value, const char *step) {
    if (fsconfig(fs, value ? FSCONFIG_SET_STRING : FSCONFIG_SET_FLAG, key, value, 0) < 0)
        die(step, "option %s%s%s refused: %s", key, value ? "=" : "", value ? value : "", strerror(errno));
}

/* A detached mount of a new filesystem; options "key=value,key,..." (no value may hold a comma). */
static int newfs(const char *type, const char *opts, unsigned attrs, const char *step) {
    int fs = fsopen(type, FSOPEN_CLOEXEC);
    if (fs < 0) die(step, "fsopen %s: %s", type, strerror(errno));
    fsset(fs, "source", type, step); /* "proc on /proc", as mount(8) would name it */
    char buf[512];
    snprintf(buf, sizeof buf, "%s", opts ? opts : "");
    for (char *o = buf, *next; o && *o; o = next) {
        next = strchr(o, ',');
        if (next) *next++ = 0;
        char *eq = strchr(o, '=');
        if (eq) *eq++ = 0;
        fsset(fs, o, eq, step);
    }
    if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0) die(step, "cannot make a %s filesystem: %s", type, strerror(errno));
    int m = fsmount(fs, FSMOUNT_CLOEXEC, attrs);
    if (m < 0) die(step, "fsmount %s: %s", type, strerror(errno));
    close(fs);
    return m;
}

/* overlayfs unescapes "\x" to "x" in upperdir and workdir: a path is passed with every backslash, comma and colon escaped */
static void escaped(const char *in, char *out, size_t size) {
    size_t o = 0;
    for (const char *p = in; *p && o + 2 < size; p++) {
        if (*p == '\\' || *p == ',' || *p == ':') out[o++] = '\\';
        out[o++] = *p;
    }
    out[o] = 0;
}

int overlay_mount(const struct conf *c, pid_t child) {
    const char *step = "overlay";
    if (c->userns) {
        /* the image as the container's root sees it: an idmapped clone of its mount, put over the image's own path in
           this process's private mount namespace (nothing of it reaches the host's) */
        char p[64];
        snprintf(p, sizeof p, "/proc/%d/ns/user", child);
        int userns = open(p, O_RDONLY | O_CLOEXEC);
        if (userns < 0) die(step, "cannot open the container's user namespace: %s", strerror(errno));
        int idmapped = open_tree(AT_FDCWD, c->lower, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
        if (idmapped < 0) die(step, "cannot clone the image's mount: %s", strerror(errno));
        struct mount_attr a = {.attr_set = MOUNT_ATTR_IDMAP, .userns_fd = (unsigned long long)userns};
        if (mount_setattr(idmapped, "", AT_EMPTY_PATH | AT_RECURSIVE, &a, sizeof a) < 0)
            die(step, "cannot idmap the image for the user namespace (its filesystem must support idmapped mounts): %s", strerror(errno));
        if (move_mount(idmapped, "", AT_FDCWD, c->lower, MOVE_MOUNT_F_EMPTY_PATH) < 0) die(step, "cannot place the idmapped image: %s", strerror(errno));
        close(idmapped);
        close(userns);
    }
    int fs = fsopen("overlay", FSOPEN_CLOEXEC);
    if (fs < 0) die(step, "this kernel has no overlay filesystem: %s", strerror(errno));
    fsset(fs, "source", "overlay", step);
    /* lowerdir+ (Linux 6.8) takes one path as it is; older kernels parse "lowerdir" for ':' and escapes */
    char buf[8200];
    if (fsconfig(fs, FSCONFIG_SET_STRING, "lowerdir+", c->lower, 0) < 0) {
        escaped(c->lower, buf, sizeof buf);
        fsset(fs, "lowerdir", buf, step);
    }
    escaped(c->upper, buf, sizeof buf);
    fsset(fs, "upperdir", buf, step);
    escaped(c->work, buf, sizeof buf);
    fsset(fs, "workdir", buf, step);
    if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0) die(step, "the overlay was refused: %s", strerror(errno));
    int m = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NODEV);
    if (m < 0) die(step, "fsmount overlay: %s", strerror(errno));
    close(fs);

    /* attach it in the container's mount namespace, then come back */
    int mine = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
    char p[64];
    snprintf(p, sizeof p, "/proc/%d/ns/mnt", child);
    int theirs = open(p, O_RDONLY | O_CLOEXEC);
    if (mine < 0) die(step, "cannot open its own mount namespace: %s", strerror(errno));
    if (theirs < 0) die(step, "cannot open %s: %s", p, strerror(errno));
    if (setns(theirs, CLONE_NEWNS) < 0) die(step, "cannot join the container's mount namespace: %s", strerror(errno));
    if (move_mount(m, "", AT_FDCWD, c->root, MOVE_MOUNT_F_EMPTY_PATH) < 0) die(step, "cannot mount the root on %s: %s", c->root, strerror(errno));
    int rootfd = open(c->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0) die(step, "cannot open the new root: %s", strerror(errno));
    if (setns(mine, CLONE_NEWNS) < 0) die(step, "cannot come back to the monitor's mount namespace: %s", strerror(errno));
    close(m);
    close(mine);
    close(theirs);
    return rootfd;
}

/* The directory (made if missing, one level, mode 0755) at path inside root; links are refused. */
static int target_dir(int root, const char *path, const char *step) {
    unsigned long long how = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    int fd = openat2_(root, path, O_PATH | O_DIRECTORY | O_CLOEXEC, how);
    if (fd < 0 && errno == ENOENT) {
        if (mkdirat(root, path, 0755) < 0 && errno != EEXIST) die(step, "cannot make /%s in the image: %s", path, strerror(errno));
        fd = openat2_(root, path, O_PATH | O_DIRECTORY | O_CLOEXEC, how);
    }
    if (fd < 0 && errno == ELOOP) die(step, "the image's /%s is a symbolic link: refused (it could point out of the container)", path);
    if (fd < 0) die(step, "cannot open /%s in the image: %s", path, strerror(errno));
    return fd;
}

static void attach(int mnt, int target, const char *what, const char *step) {
    if (move_mount(mnt, "", target, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
        die(step, "cannot mount %s: %s", what, strerror(errno));
    close(mnt);
}

/* A bind of one host file (a device node, /dev/null for a mask) onto an fd. */
static void bind_host(const char *host, int target, const char *step) {
    int t = open_tree(AT_FDCWD, host, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    if (t < 0) die(step, "cannot bind %s: %s", host, strerror(errno));
    attach(t, target, host, step);
}

static void make_dev(const struct conf *c, int root) {
    const char *step = "dev";
    int dev = target_dir(root, "dev", step);
    attach(newfs("tmpfs", "mode=755,size=65536k", MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_STRICTATIME, step), dev, "/dev", step);
    close(dev);
    dev = target_dir(root, "dev", step); /* now the tmpfs */
    for (int i = 0; i < c->ndevs; i++) {
        int f = openat(dev, c->devs[i], O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (f < 0) die(step, "cannot make /dev/%s: %s", c->devs[i], strerror(errno));
        close(f);
        f = openat(dev, c->devs[i], O_PATH | O_CLOEXEC | O_NOFOLLOW);
        char host[64];
        snprintf(host, sizeof host, "/dev/%s", c->devs[i]);
        bind_host(host, f, step);
    }
    const char *links[][2] = {{"ptmx", "pts/ptmx"}, {"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"},
                              {"stdout", "/proc/self/fd/1"}, {"stderr", "/proc/self/fd/2"}};
    for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++)
        if (symlinkat(links[i][1], dev, links[i][0]) < 0) die(step, "cannot link /dev/%s: %s", links[i][0], strerror(errno));
    const char *dirs[][3] = {{"pts", "devpts", "ptmxmode=0666,mode=0620"}, {"shm", "tmpfs", "mode=1777,size=65536k"}, {"mqueue", "mqueue", ""}};
    for (unsigned i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (mkdirat(dev, dirs[i][0], 0755) < 0) die(step, "cannot make /dev/%s: %s", dirs[i][0], strerror(errno));
        int d = target_dir(dev, dirs[i][0], step);
        attach(newfs(dirs[i][1], dirs[i][2], MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | (i ? MOUNT_ATTR_NODEV : 0), step), d, dirs[i][0], step);
        close(d);
    }
    close(dev);
}

/* A path of /proc or /sys inside the root, without links; -1 where this kernel has no such path. */
static int existing(int root, const char *path, const char *step) {
    int fd = openat2_(root, path, O_PATH | O_CLOEXEC, RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
    if (fd < 0 && errno != ENOENT) die(step, "cannot open /%s: %s", path, strerror(errno));
    return fd;
}

/* Docker's masked paths: a file gets /dev/null over it, a directory an empty read-only tmpfs; absent ones are skipped. */
static void mask(int root, const char *path) {
    int fd = existing(root, path, "mask");
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) < 0) die("mask", "cannot stat /%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) attach(newfs("tmpfs", "size=0", MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC, "mask"), fd, path, "mask");
    else bind_host("/dev/null", fd, "mask");
    close(fd);
}

/* Docker's read-only paths: a read-only bind of the path onto itself. */
static void read_only(int root, const char *path) {
    int fd = existing(root, path, "read-only");
    if (fd < 0) return;
    int t = open_tree(fd, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH | AT_RECURSIVE);
    if (t < 0) die("read-only", "cannot bind /%s: %s", path, strerror(errno));
    struct mount_attr a = {.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC};
    if (mount_setattr(t, "", AT_EMPTY_PATH | AT_RECURSIVE, &a, sizeof a) < 0) die("read-only", "cannot make /%s read-only: %s", path, strerror(errno));
    attach(t, fd, path, "read-only");
    close(fd);
}

void rootfs_setup(const struct conf *c, int root) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) die("mounts", "cannot make the mounts private: %s", strerror(errno));
    int proc = target_dir(root, "proc", "proc");
    attach(newfs("proc", NULL, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC, "proc"), proc, "/proc", "proc");
    close(proc);
    make_dev(c, root);
    int sys = target_dir(root, "sys", "sys");
    attach(newfs("sysfs", NULL, (c->privileged ? 0 : MOUNT_ATTR_RDONLY) | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC, "sys"),
           sys, "/sys", "sys");
    close(sys);
    for (int i = 0; i < c->nmasks; i++) mask(root, c->masks[i]);
    for (int i = 0; i < c->nros; i++) read_only(root, c->ros[i]);

    if (fchdir(root) < 0) die("pivot_root", "cannot enter the new root: %s", strerror(errno));
    if (syscall(SYS_pivot_root, ".", ".") < 0) die("pivot_root", "%s", strerror(errno));
    /* the old root is stacked on "/" now: detach it, so no host file can be reached */
    if (umount2(".", MNT_DETACH) < 0) die("pivot_root", "cannot detach the old root: %s", strerror(errno));
    if (chdir("/") < 0) die("pivot_root", "chdir /: %s", strerror(errno));
    if (c->readonly_root) {
        struct mount_attr a = {.attr_set = MOUNT_ATTR_RDONLY};
        if (mount_setattr(AT_FDCWD, "/", 0, &a, sizeof a) < 0) die("read-only", "cannot make the root read-only: %s", strerror(errno));
    }
}
