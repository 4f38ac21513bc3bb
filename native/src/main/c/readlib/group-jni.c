/*
 * The JNI face of nscope_read_group (group.c), for nscope.kernel.GroupRead:
 * System.load binds it in a millisecond, where a jnr-ffi binding costs a
 * cold start some 0.2 s (nscope ls and the first frame read through it too).
 */
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

long nscope_read_group(
        int dirfd, const char *task_dir, const char *head, const char *links, int nlinks, int only, void *buf, long cap);
long nscope_list_dir(const char *path, void *buf, long cap);
long nscope_read_files(const char *path, const char *names, int n, void *buf, long cap);
long nscope_anon_links(const char *path, void *buf, long cap);
long nscope_read_dir(const char *path, const char *names, int n, void *buf, long cap);
long nscope_thread_groups(const char *proc, const int32_t *pids, int n, void *buf, long cap);

#define MAX_PATH 4096
#define MAX_LINKS 1024
/* a process file read before its tasks: a short name (cmdline) */
#define MAX_HEAD 32

/* The C string in a Java byte[] (NUL-terminated by the caller), copied; 0, or -1 when it does not fit. */
static int copied(JNIEnv *env, jbyteArray a, char *dst, jsize cap) {
    jsize n = (*env)->GetArrayLength(env, a);
    if (n <= 0 || n > cap) return -1;
    (*env)->GetByteArrayRegion(env, a, 0, n, (jbyte *)dst);
    return dst[n - 1] == 0 ? 0 : -1;
}

/*
 * The call's buffer and directory path: 0, or minus the errno to return
 * (EINVAL: not a direct buffer; ENAMETOOLONG: a path that does not fit).
 */
static long prologue(JNIEnv *env, jobject buf, void **p, jlong *cap, jbyteArray path, char *dir) {
    *p = (*env)->GetDirectBufferAddress(env, buf);
    *cap = (*env)->GetDirectBufferCapacity(env, buf);
    if (*p == NULL || *cap <= 0) return -22;
    if (copied(env, path, dir, MAX_PATH) < 0) return -36;
    return 0;
}

JNIEXPORT jlong JNICALL Java_nscope_kernel_GroupRead_readGroup(JNIEnv *env, jclass cls, jbyteArray taskDir,
        jbyteArray head, jbyteArray links, jint nlinks, jint only, jobject buf) {
    (void)cls;
    char dir[MAX_PATH], names[MAX_LINKS], first[MAX_HEAD];
    void *p;
    jlong cap;
    long bad = prologue(env, buf, &p, &cap, taskDir, dir);
    if (bad < 0) return bad;
    if (head != NULL && copied(env, head, first, MAX_HEAD) < 0) return -36;
    if (nlinks > 0 && copied(env, links, names, MAX_LINKS) < 0) return -36;
    if (nlinks == 0) names[0] = 0;
    return nscope_read_group(AT_FDCWD, dir, head != NULL ? first : NULL, names, nlinks, only, p, cap);
}

/* A call that reads one directory into the buffer (nscope_list_dir, nscope_anon_links). */
static jlong dir_call(JNIEnv *env, jbyteArray path, jobject buf, long (*read)(const char *, void *, long)) {
    char dir[MAX_PATH];
    void *p;
    jlong cap;
    long bad = prologue(env, buf, &p, &cap, path, dir);
    return bad < 0 ? bad : read(dir, p, cap);
}

JNIEXPORT jlong JNICALL Java_nscope_kernel_GroupRead_listDir(JNIEnv *env, jclass cls, jbyteArray path, jobject buf) {
    (void)cls;
    return dir_call(env, path, buf, nscope_list_dir);
}

JNIEXPORT jlong JNICALL Java_nscope_kernel_GroupRead_anonLinks(JNIEnv *env, jclass cls, jbyteArray path, jobject buf) {
    (void)cls;
    return dir_call(env, path, buf, nscope_anon_links);
}

/* A call with a directory and names (nscope_read_files, nscope_read_dir); none: nothing to read, unless listing. */
static jlong names_call(JNIEnv *env, jbyteArray path, jbyteArray names, jint n, jobject buf, int empty_ok,
        long (*read)(const char *, const char *, int, void *, long)) {
    char dir[MAX_PATH];
    void *p;
    jlong cap;
    long bad = prologue(env, buf, &p, &cap, path, dir);
    if (bad < 0) return bad;
    if (n <= 0 && !empty_ok) return 0;
    if (n <= 0) return read(dir, "", 0, p, cap);
    /* every process's PID/cgroup at once: as long as the caller's list */
    jsize len = (*env)->GetArrayLength(env, names);
    char *wanted = malloc(len > 0 ? (size_t)len : 1);
    if (wanted == NULL) return -12; /* -ENOMEM */
    long r = copied(env, names, wanted, len) < 0 ? -36 : read(dir, wanted, n, p, cap);
    free(wanted);
    return r;
}

JNIEXPORT jlong JNICALL Java_nscope_kernel_GroupRead_readFiles(
        JNIEnv *env, jclass cls, jbyteArray path, jbyteArray names, jint n, jobject buf) {
    (void)cls;
    return names_call(env, path, names, n, buf, 0, nscope_read_files);
}

JNIEXPORT jlong JNICALL Java_nscope_kernel_GroupRead_readDir(
        JNIEnv *env, jclass cls, jbyteArray path, jbyteArray names, jint n, jobject buf) {
    (void)cls;
    return names_call(env, path, names, n, buf, 1, nscope_read_dir);
}

JNIEXPORT jlong JNICALL Java_nscope_kernel_GroupRead_threadGroups(
        JNIEnv *env, jclass cls, jbyteArray proc, jintArray pids, jobject buf) {
    (void)cls;
    char dir[MAX_PATH];
    void *p;
    jlong cap;
    long bad = prologue(env, buf, &p, &cap, proc, dir);
    if (bad < 0) return bad;
    jsize n = (*env)->GetArrayLength(env, pids);
    jint *ids = malloc(n > 0 ? (size_t)n * sizeof(jint) : 1);
    if (ids == NULL) return -12; /* -ENOMEM */
    (*env)->GetIntArrayRegion(env, pids, 0, n, ids);
    long r = nscope_thread_groups(dir, (const int32_t *)ids, n, p, cap);
    free(ids);
    return r;
}

/*
 * stat(2) of a path, links followed (a namespace link: its nsfs device and inode), into out[0] and out[1];
 * 0, or minus the errno. One call where java.nio builds a map of attributes (1,400 namespaces met by ls).
 */
JNIEXPORT jlong JNICALL Java_nscope_kernel_GroupRead_stat(JNIEnv *env, jclass cls, jbyteArray path, jlongArray out) {
    (void)cls;
    char p[MAX_PATH];
    struct stat st;
    if (copied(env, path, p, MAX_PATH) < 0) return -36;
    if (stat(p, &st) < 0) return -errno;
    jlong v[2] = {(jlong)st.st_dev, (jlong)st.st_ino};
    (*env)->SetLongArrayRegion(env, out, 0, 2, v);
    return 0;
}
