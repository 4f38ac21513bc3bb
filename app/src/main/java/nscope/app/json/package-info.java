/**
 * The JSON writers of the commands (snapshot, cgroups, mounts, facts), documented in README.md.
 * Uses probes and views' text escaping only.
 */
package nscope.app.json;
