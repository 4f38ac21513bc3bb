/**
 * The commands that change the host, each through nscope.act and the audit log: cgroup (mkdir, rmdir,
 * mv, set, freeze, thaw), kill, enter, unshare, and the containers' run, ps, stop and rm. They may use
 * app.cli.common and the app packages below the command line.
 */
package nscope.app.cli.act;
