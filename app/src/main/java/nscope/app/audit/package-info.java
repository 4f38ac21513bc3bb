/**
 * The audit log: a line before each change to the host and its result after, failing closed, and
 * the audited operations (signals, cgroup changes, any other change). Uses native only.
 */
package nscope.app.audit;
