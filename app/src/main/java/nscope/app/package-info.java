/**
 * The entry point only: the live screen at once on a terminal, else the command line ({@link nscope.app.cli}).
 */
package nscope.app;
