/**
 * The command line's top: the nscope command, the command tree (only the subcommands a run names),
 * the entry that runs it, the usage layout, the screen's commands (ui, lab) and the hidden ones
 * (screenshots, train). Its subcommands live in .read (read the host) and .act (change it), over
 * .common. The top of app: it may use every other app package; none uses it.
 */
package nscope.app.cli;
