/**
 * Parsers of the kernel's text, exact and defensive, on bytes and strings
 * only (stat, status, cmdline, link texts, mountinfo, cgroup files, facts,
 * passwd, PID directory names): hostile input becomes
 * {@link nscope.probes.parse.Malformed}, never a made-up value.
 *
 * <p>May use: model, cgroups, mounts (the values they make).
 */
package nscope.probes.parse;
