/**
 * The JSON writers of the commands (snapshot, cgroups, mounts, facts), documented in the snapshot guide, app/src/main/man/snapshot.md.
 * Uses probes and views' text escaping only.
 */
package nscope.app.json;
