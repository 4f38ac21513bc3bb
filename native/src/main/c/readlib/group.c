/*
 * libnscope-read: the scan's hot loop in C. One call reads a whole thread
 * group (every TID under /proc/PID/task: stat, status and the namespace
 * links asked for) into the caller's buffer, instead of some eighteen calls
 * through jnr-ffi per task, each with its glue and copies (measured: the
 * JVM spent twice C's CPU reading the same files). Nothing is parsed here:
 * the bytes go to nscope's Java parsers as they came from the kernel.
 *
 * Records, int32 in native byte order: the process's cmdline when asked
 * (length then its bytes, or a failure), then one per task, in listing order:
 *   tid
 *   stat:   length then its bytes, or a failure
 *   status: likewise (absent after a stat failure)
 *   the ns directory: 0, or a failure (then no links follow)
 *   each link asked for: length then its bytes, or a failure
 *   (all absent after a status failure)
 * A failure is -(call << 12 | errno), call 0 open, 1 read, 2 readlink.
 *
 * The cgroup walk's directories likewise (nscope_list_dir, nscope_read_files
 * below): a listing with each entry's type, then the files wanted, in one
 * call each instead of a stat and three calls per file; and a descriptor
 * table's links that are no paths (nscope_anon_links), where namespaces
 * held open show; and which process each thread belongs to
 * (nscope_thread_groups), a stat per process and a listing per process of
 * more than one thread. nscope_read_dir lists a cgroup and reads the files
 * wanted in one call (one open of the directory).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CALL_OPEN 0
#define CALL_READ 1
#define CALL_READLINK 2
/* a read shorter than half a page with room left is a file's last (LiveFiles.SURELY_LAST) */
#define SURELY_LAST 2048
/* room a task must find before it is read: a status and its links fit many times over */
#define TASK_ROOM 16384

struct out {
    unsigned char *buf;
    long pos, cap;
};

static int failure(int call, int err) { return -((call << 12) | (err & 0xfff)); }

static void put(struct out *o, int32_t v) {
    memcpy(o->buf + o->pos, &v, sizeof v);
    o->pos += sizeof v;
}

/* A file relative to dir, whole; 0, or -1 when the buffer ran out (nothing written then). */
static int put_file(struct out *o, int dir, const char *name) {
    int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        put(o, failure(CALL_OPEN, errno));
        return 0;
    }
    long at = o->pos, n = 0;
    o->pos += 4;
    for (;;) {
        long room = o->cap - o->pos - n;
        if (room <= 0) {
            close(fd);
            o->pos = at;
            return -1;
        }
        ssize_t r = read(fd, o->buf + o->pos + n, room);
        if (r < 0) {
            int e = errno;
            close(fd);
            o->pos = at;
            put(o, failure(CALL_READ, e));
            return 0;
        }
        n += r;
        if (r == 0 || (r < SURELY_LAST && r < room)) break;
    }
    close(fd);
    int32_t len = (int32_t)n;
    memcpy(o->buf + at, &len, sizeof len);
    o->pos += n;
    return 0;
}

static int numeric(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* One task's record; 0, or -1 when the buffer ran out. */
static int put_task(struct out *o, int dir, const char *tid, const char *links, int nlinks) {
    char path[64];
    if (o->cap - o->pos < TASK_ROOM) return -1;
    long start = o->pos;
    put(o, (int32_t)strtol(tid, NULL, 10));
    snprintf(path, sizeof path, "%s/stat", tid);
    if (put_file(o, dir, path) < 0) goto full;
    int32_t v;
    memcpy(&v, o->buf + start + 4, sizeof v);
    if (v < 0) return 0;
    long status = o->pos;
    snprintf(path, sizeof path, "%s/status", tid);
    if (put_file(o, dir, path) < 0) goto full;
    memcpy(&v, o->buf + status, sizeof v);
    if (v < 0 || nlinks == 0) return 0;
    snprintf(path, sizeof path, "%s/ns", tid);
    int ns = openat(dir, path, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (ns < 0) {
        put(o, failure(CALL_OPEN, errno));
        return 0;
    }
    put(o, 0);
    const char *name = links;
    for (int i = 0; i < nlinks; i++, name += strlen(name) + 1) {
        /* a link names TYPE:[INODE]: far below 256 bytes, and TASK_ROOM holds ten of them */
        ssize_t r = readlinkat(ns, name, (char *)o->buf + o->pos + 4, 256);
        if (r < 0) {
            put(o, failure(CALL_READLINK, errno));
            continue;
        }
        put(o, (int32_t)r);
        o->pos += r;
    }
    close(ns);
    return 0;
full:
    o->pos = start;
    return -1;
}

/*
 * Each entry of dir (closed here) handed to each(); returns the bytes written,
 * -ENOSPC when each() found the buffer full, or a failure of the listing.
 */
static long listed(int dir, struct out *o, int (*each)(struct out *, int, struct dirent64 *, void *), void *arg) {
    char ents[8192];
    for (;;) {
        ssize_t n = getdents64(dir, ents, sizeof ents);
        if (n < 0) {
            int e = errno;
            close(dir);
            return failure(CALL_READ, e);
        }
        if (n == 0) break;
        for (ssize_t at = 0; at < n;) {
            struct dirent64 *d = (struct dirent64 *)(ents + at);
            at += d->d_reclen;
            if (each(o, dir, d, arg) < 0) {
                close(dir);
                return -ENOSPC;
            }
        }
    }
    close(dir);
    return o->pos;
}

struct group_args {
    const char *links;
    int nlinks;
};

/* A task of the listing (a TID: digits only), read whole. */
static int task_entry(struct out *o, int dir, struct dirent64 *d, void *arg) {
    struct group_args *g = arg;
    if (!numeric(d->d_name) || strlen(d->d_name) > 10) return 0;
    return put_task(o, dir, d->d_name, g->links, g->nlinks);
}

/* An entry of a directory listed with its kind and inode (nscope_list_dir). */
/* An entry as int32 kind, int64 inode, int32 name length, the name; 0, or -1 when out of room. */
static int put_entry(struct out *o, int32_t kind, struct dirent64 *d) {
    long len = (long)strlen(d->d_name);
    if (o->cap - o->pos < 16 + len) return -1;
    put(o, kind);
    int64_t ino = (int64_t)d->d_ino;
    memcpy(o->buf + o->pos, &ino, sizeof ino);
    o->pos += sizeof ino;
    put(o, (int32_t)len);
    memcpy(o->buf + o->pos, d->d_name, len);
    o->pos += len;
    return 0;
}

static int dir_entry(struct out *o, int dir, struct dirent64 *d, void *arg) {
    (void)dir;
    (void)arg;
    if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0) return 0;
    return put_entry(o, d->d_type == DT_DIR ? 1 : d->d_type == DT_UNKNOWN ? 2 : 0, d);
}

/*
 * The tasks of one thread group: task_dir is /proc/PID/task (relative to
 * dirfd, or absolute); links holds nlinks NUL-terminated names back to back;
 * only > 0 reads that TID alone, without listing. head, when not NULL, names
 * a file of the process (cmdline) read first, once task_dir is open, through
 * its ".." (the very process whose task directory is open): its record, as a
 * file's, comes before the tasks'. Returns the bytes written, -ENOSPC when the
 * buffer cannot hold them (call again with a bigger one), or a failure (as in
 * a record) when the task directory cannot be opened or listed.
 */
long nscope_read_group(
        int dirfd, const char *task_dir, const char *head, const char *links, int nlinks, int only, void *buf, long cap) {
    struct out o = {buf, 0, cap};
    int dir = openat(dirfd, task_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return failure(CALL_OPEN, errno);
    if (head != NULL) {
        char path[64];
        snprintf(path, sizeof path, "../%s", head);
        if (o.cap - o.pos < 8 || put_file(&o, dir, path) < 0) {
            close(dir);
            return -ENOSPC;
        }
    }
    if (only > 0) {
        char tid[16];
        snprintf(tid, sizeof tid, "%d", only);
        int r = put_task(&o, dir, tid, links, nlinks);
        close(dir);
        return r < 0 ? -ENOSPC : o.pos;
    }
    struct group_args g = {links, nlinks};
    return listed(dir, &o, task_entry, &g);
}

/*
 * A directory's entries (a cgroup's: kernfs hands out each entry's type):
 * per entry int32 kind (1 directory, 0 other, 2 unknown), int64 inode,
 * int32 name length, the name's bytes; "." and ".." left out. Returns the
 * bytes written, -ENOSPC, or a failure when the directory cannot be listed.
 */
long nscope_list_dir(const char *path, void *buf, long cap) {
    struct out o = {buf, 0, cap};
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return failure(CALL_OPEN, errno);
    return listed(dir, &o, dir_entry, NULL);
}

/*
 * Files of one directory, whole: names holds n NUL-terminated names back to
 * back; per name, its length and bytes, or a failure. Returns the bytes
 * written, -ENOSPC, or a failure when the directory cannot be opened.
 */
long nscope_read_files(const char *path, const char *names, int n, void *buf, long cap) {
    struct out o = {buf, 0, cap};
    int dir = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return failure(CALL_OPEN, errno);
    const char *name = names;
    for (int i = 0; i < n; i++, name += strlen(name) + 1) {
        if (o.cap - o.pos < 8 || put_file(&o, dir, name) < 0) {
            close(dir);
            return -ENOSPC;
        }
    }
    close(dir);
    return o.pos;
}

/* A descriptor's link unless it names a path (most do: files, devices), which is left out. */
static int anon_entry(struct out *o, int dir, struct dirent64 *d, void *arg) {
    (void)arg;
    if (d->d_name[0] == '.') return 0; /* "." and "..": not links */
    long len = (long)strlen(d->d_name);
    char target[4096];
    ssize_t r = readlinkat(dir, d->d_name, target, sizeof target);
    if (r == 0 || (r > 0 && target[0] == '/')) return 0;
    if (o->cap - o->pos < 8 + len + (r > 0 ? r : 0)) return -1;
    put(o, r < 0 ? failure(CALL_READLINK, errno) : (int32_t)r);
    put(o, (int32_t)len);
    memcpy(o->buf + o->pos, d->d_name, len);
    o->pos += len;
    if (r > 0) {
        memcpy(o->buf + o->pos, target, r);
        o->pos += r;
    }
    return 0;
}

/*
 * The links of a descriptor table (/proc/PID/fd) whose target is not a path:
 * per link, int32 the target's length (or a failure of its readlink), int32
 * the name's length, the name's bytes, the target's bytes. Returns the bytes
 * written, -ENOSPC, or a failure when the table cannot be opened or listed.
 */
long nscope_anon_links(const char *path, void *buf, long cap) {
    struct out o = {buf, 0, cap};
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return failure(CALL_OPEN, errno);
    return listed(dir, &o, anon_entry, NULL);
}

/* A thread of the listing: its TID, then the PID whose task directory it is in (arg). */
static int thread_entry(struct out *o, int dir, struct dirent64 *d, void *arg) {
    (void)dir;
    if (!numeric(d->d_name) || strlen(d->d_name) > 10) return 0;
    if (o->cap - o->pos < 8) return -1;
    put(o, (int32_t)strtol(d->d_name, NULL, 10));
    put(o, *(const int32_t *)arg);
    return 0;
}

/*
 * The threads of each of n processes (pids) under proc (/proc): per thread of
 * a process with more than one, int32 its TID and int32 the PID. A process of
 * one thread (its task directory's link count, 2 + threads, says so: a stat,
 * no listing) is left out, as is one that exited or cannot be listed. Returns
 * the bytes written, -ENOSPC, or a failure when proc cannot be opened.
 */
long nscope_thread_groups(const char *proc, const int32_t *pids, int n, void *buf, long cap) {
    struct out o = {buf, 0, cap};
    int top = open(proc, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (top < 0) return failure(CALL_OPEN, errno);
    for (int i = 0; i < n; i++) {
        char name[32];
        struct stat st;
        snprintf(name, sizeof name, "%d/task", pids[i]);
        if (fstatat(top, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || st.st_nlink == 3) continue;
        int dir = openat(top, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir < 0) continue;
        if (listed(dir, &o, thread_entry, (void *)&pids[i]) == -ENOSPC) {
            close(top);
            return -ENOSPC;
        }
    }
    close(top);
    return o.pos;
}

struct dir_args {
    const char *const *names;
    int n;
};

/* A subdirectory (kind 1, inode, name) or a wanted file (kind 3, its index, its bytes or a failure). */
static int read_dir_entry(struct out *o, int dir, struct dirent64 *d, void *arg) {
    const struct dir_args *a = arg;
    if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0) return 0;
    int is_dir = d->d_type == DT_DIR;
    if (d->d_type == DT_UNKNOWN) {
        struct stat st;
        is_dir = fstatat(dir, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    }
    if (is_dir) return put_entry(o, 1, d);
    for (int i = 0; i < a->n; i++) {
        if (strcmp(d->d_name, a->names[i]) != 0) continue;
        if (o->cap - o->pos < 12) return -1;
        long at = o->pos;
        put(o, 3);
        put(o, i);
        if (put_file(o, dir, d->d_name) < 0) {
            o->pos = at;
            return -1;
        }
        return 0;
    }
    return 0;
}

/*
 * A directory (a cgroup) listed and the wanted files among its entries read,
 * with one open: names holds n NUL-terminated names back to back. Per
 * subdirectory int32 1, int64 its inode, int32 its name's length, the name's
 * bytes; per wanted file listed int32 3, int32 its index in names, then its
 * length and bytes or a failure; other entries are left out. Returns the
 * bytes written, -ENOSPC, or a failure when the directory cannot be listed.
 */
long nscope_read_dir(const char *path, const char *names, int n, void *buf, long cap) {
    struct out o = {buf, 0, cap};
    const char *each[64];
    if (n < 0 || n > 64) return failure(CALL_OPEN, EINVAL);
    for (int i = 0; i < n; i++, names += strlen(names) + 1) each[i] = names;
    struct dir_args a = {each, n};
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return failure(CALL_OPEN, errno);
    return listed(dir, &o, read_dir_entry, &a);
}
