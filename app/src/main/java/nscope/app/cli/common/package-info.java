/**
 * What every command shares: the root options (where the host is read from: live, a capture, or a recording's moment through Replay) and the top command as a
 * subcommand sees it (Rooted), the interval converter (seconds), the one-line user error and the scan
 * problems' summary. Uses nothing of the command line above it.
 */
package nscope.app.cli.common;
