/**
 * Children nscope starts for the operator: entering a process, the pty or pipe relay (never the
 * operator's terminal), the clean environment, host tools run from argv lists, nscope's own directories.
 * Uses audit and native; never the container engine (a container's way in is given to it as a route).
 */
package nscope.app.exec;
