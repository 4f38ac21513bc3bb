/**
 * The commands that only read the host: ls, snapshot, capture, mounts, explain, cgroups, record (to a
 * file the user names) and diff (and the snapshot ls prefetches while picocli starts). They may use app.cli.common, app.json and the probes;
 * nothing here changes the host.
 */
package nscope.app.cli.read;
