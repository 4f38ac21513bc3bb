/**
 * The command line: picocli commands (ls, snapshot, capture, mounts, cgroups, cgroup, kill, enter,
 * unshare, run/ps/stop/rm, ui, screenshots, train), their options, the one-line user errors and the entry that
 * runs them. The top of app: it may use every other app package; none uses it.
 */
package nscope.app.cli;
