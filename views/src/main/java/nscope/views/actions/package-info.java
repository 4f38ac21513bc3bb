/**
 * {@link nscope.views.actions.Actions}: what the screen may do to the host
 * (signal, enter, unshare, cgroup writes, containers), as an interface the
 * app wires in, with the records an action is given (a process bound to its
 * start time, a cgroup, a namespace as the files that hold it). Views call
 * operations only through it: they never touch the kernel themselves.
 *
 * <p>May use: nothing of views; no Lanterna.
 */
package nscope.views.actions;
