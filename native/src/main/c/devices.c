/*
 * nscope-init devices CGROUP_DIR RULE...: the container's device allow list
 * on cgroup v2, where there is no devices.allow file: a
 * BPF_PROG_TYPE_CGROUP_DEVICE program (as runc's devicefilter builds one)
 * attached to the container's cgroup, allowing read, write and mknod of
 * exactly the devices listed ("c 1 3", "c 136 *") and refusing every
 * other. The attachment lives as long as the cgroup; this process ends.
 */
#include "nscope-init.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define INSN(c, d, s, o, i) ((struct bpf_insn){.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i)})

int devices_main(int argc, char **argv) {
    if (argc < 1) die("devices", "usage: devices CGROUP_DIR RULE...");
    struct bpf_insn prog[512];
    int n = 0;
    /* r2 = type (block 1, char 2), r4 = major, r5 = minor; the access bits need no test: every rule is rwm */
    prog[n++] = INSN(BPF_LDX | BPF_W | BPF_MEM, 2, 1, 0, 0);
    prog[n++] = INSN(BPF_ALU64 | BPF_AND | BPF_K, 2, 0, 0, 0xffff);
    prog[n++] = INSN(BPF_LDX | BPF_W | BPF_MEM, 4, 1, 4, 0);
    prog[n++] = INSN(BPF_LDX | BPF_W | BPF_MEM, 5, 1, 8, 0);
    for (int i = 1; i < argc; i++) {
        char type;
        char major[16], minor[16];
        if (sscanf(argv[i], "%c %15s %15s", &type, major, minor) != 3 || (type != 'c' && type != 'b'))
            die("devices", "a rule is TYPE MAJOR MINOR (c or b, * for any): not %s", argv[i]);
        int tests = 1 + (strcmp(major, "*") != 0) + (strcmp(minor, "*") != 0);
        if (n + tests + 2 > 500) die("devices", "too many rules");
        int left = tests; /* each test jumps past the rest of this rule (its remaining tests and the 2 allow insns) */
        prog[n] = INSN(BPF_JMP | BPF_JNE | BPF_K, 2, 0, (short)(--left + 2), type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR);
        n++;
        if (strcmp(major, "*") != 0) { prog[n] = INSN(BPF_JMP | BPF_JNE | BPF_K, 4, 0, (short)(--left + 2), atoi(major)); n++; }
        if (strcmp(minor, "*") != 0) { prog[n] = INSN(BPF_JMP | BPF_JNE | BPF_K, 5, 0, (short)(--left + 2), atoi(minor)); n++; }
        prog[n++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1);
        prog[n++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
    }
    prog[n++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
    prog[n++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);

    char log[4096] = {0};
    union bpf_attr load;
    memset(&load, 0, sizeof load);
    load.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
    load.insns = (unsigned long)prog;
    load.insn_cnt = (unsigned)n;
    load.license = (unsigned long)"Apache";
    load.log_buf = (unsigned long)log;
    load.log_size = sizeof log;
    load.log_level = 1;
    int pfd = (int)syscall(SYS_bpf, BPF_PROG_LOAD, &load, sizeof load);
    if (pfd < 0) die("devices", "the kernel refused the device filter program: %s%s%.200s", strerror(errno), log[0] ? ": " : "", log);
    int cg = open(argv[0], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (cg < 0) die("devices", "cannot open the cgroup %s: %s", argv[0], strerror(errno));
    union bpf_attr at;
    memset(&at, 0, sizeof at);
    at.target_fd = (unsigned)cg;
    at.attach_bpf_fd = (unsigned)pfd;
    at.attach_type = BPF_CGROUP_DEVICE;
    at.attach_flags = BPF_F_ALLOW_MULTI;
    if (syscall(SYS_bpf, BPF_PROG_ATTACH, &at, sizeof at) < 0) die("devices", "cannot attach the device filter to %s: %s", argv[0], strerror(errno));
    return 0;
}
