/*
 * The config files nscope writes (0600, in the container's own directory):
 * one setting a line, "KEY FIELD...", fields separated by one space, each
 * field percent-encoded (%HH for bytes up to space, '%' and DEL), so any
 * path or argument passes unchanged. An unknown key is an error: a config
 * this program does not fully understand is refused, not half applied.
 */
#include "nscope-init.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int report_fd = -1;
int die_socket = -1;

int write_all(int fd, const char *buf, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

void die(const char *step, const char *fmt, ...) {
    char msg[1024];
    int n = snprintf(msg, sizeof msg, "%s: ", step);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    if (die_socket >= 0) {
        char line[1100];
        snprintf(line, sizeof line, "error %s\n", msg);
        write_all(die_socket, line, strlen(line));
    } else if (report_fd >= 0) {
        write_all(report_fd, msg, strlen(msg));
    } else {
        fprintf(stderr, "nscope-init: %s\n", msg);
    }
    _exit(126);
}

void conf_init(struct conf *c) {
    memset(c, 0, sizeof *c);
    c->nnp = 1;
    c->cwd = "/";
    c->net = "loopback";
}

/* %HH -> byte, in place. */
static char *decode(char *s) {
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '%' && p[1] && p[2]) {
            char hex[3] = {p[1], p[2], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = 0;
    return s;
}

static void add(const char **list, int *n, int max, const char *v, const char *what) {
    if (*n >= max) die("config", "too many %s entries (at most %d)", what, max);
    list[(*n)++] = v;
}

static int flag(const char *v) { return v && strcmp(v, "1") == 0; }

static void seccomp_line(struct conf *c, char *key, char *rest) {
    /* the whole line after the key, fields decoded and joined by single spaces */
    char *joined = calloc(1, 4096);
    for (char *save = NULL, *tok = rest ? strtok_r(rest, " ", &save) : NULL; tok; tok = strtok_r(NULL, " ", &save)) {
        if (joined[0]) strncat(joined, " ", 4095 - strlen(joined));
        strncat(joined, decode(tok), 4095 - strlen(joined));
    }
    if (key[2] == '-') c->sc_default = joined;
    else add(c->rules, &c->nrules, 1024, joined, "seccomp rule");
}

static void setting(struct conf *c, char *key, char *rest) {
    if (!strcmp(key, "sc-default") || !strcmp(key, "sc")) {
        seccomp_line(c, key, rest);
        return;
    }
    char *f1 = rest, *f2 = NULL;
    if (rest && (f2 = strchr(rest, ' '))) *f2++ = 0;
    char *v = rest ? decode(strdup(f1)) : NULL;
    if (!v) die("config", "%s has no value", key);
    if (!strcmp(key, "name")) c->name = v;
    else if (!strcmp(key, "socket")) c->socket = v;
    else if (!strcmp(key, "root")) c->root = v;
    else if (!strcmp(key, "lower")) c->lower = v;
    else if (!strcmp(key, "upper")) c->upper = v;
    else if (!strcmp(key, "work")) c->work = v;
    else if (!strcmp(key, "hostname")) c->hostname = v;
    else if (!strcmp(key, "net")) c->net = v;
    else if (!strcmp(key, "exit")) c->exitfile = v;
    else if (!strcmp(key, "cwd")) c->cwd = v;
    else if (!strcmp(key, "userns")) c->userns = flag(v);
    else if (!strcmp(key, "timens")) c->timens = flag(v);
    else if (!strcmp(key, "readonly-root")) c->readonly_root = flag(v);
    else if (!strcmp(key, "interactive")) c->interactive = flag(v);
    else if (!strcmp(key, "privileged")) c->privileged = flag(v);
    else if (!strcmp(key, "nnp")) c->nnp = flag(v);
    else if (!strcmp(key, "dev")) add(c->devs, &c->ndevs, 32, v, "dev");
    else if (!strcmp(key, "env")) add(c->env, &c->nenv, MAX_LIST - 1, v, "env");
    else if (!strcmp(key, "arg")) add(c->args, &c->nargs, MAX_LIST - 1, v, "arg");
    else if (!strcmp(key, "mask")) add(c->masks, &c->nmasks, 64, v, "mask");
    else if (!strcmp(key, "ro")) add(c->ros, &c->nros, 64, v, "ro");
    else if (!strcmp(key, "cap")) {
        long n = strtol(v, NULL, 10);
        if (n < 0 || n > 63) die("config", "no capability number %s", v);
        c->caps_given = 1;
        c->caps |= 1ULL << n;
    } else if (!strcmp(key, "caps-none")) c->caps_given = 1;
    else if (!strcmp(key, "user")) {
        if (!f2) die("config", "user needs UID and GID");
        c->has_user = 1;
        c->uid = (uid_t)strtoul(v, NULL, 10);
        c->gid = (gid_t)strtoul(decode(f2), NULL, 10);
    } else die("config", "unknown setting %s", key);
}

int conf_read(struct conf *c, const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("config", "cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (len + 1 >= cap) buf = realloc(buf, cap *= 2);
        ssize_t r = read(fd, buf + len, cap - len - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) die("config", "cannot read %s: %s", path, strerror(errno));
        if (r == 0) break;
        len += (size_t)r;
    }
    close(fd);
    buf[len] = 0;
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        if (!*line || *line == '#') continue;
        char *rest = strchr(line, ' ');
        if (rest) *rest++ = 0;
        setting(c, line, rest);
    }
    return 0;
}
