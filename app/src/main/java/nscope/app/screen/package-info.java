/**
 * The live screen's session: the terminal set up quickly, the first frame, the host facts of the
 * header, and the screen's actions on the host ({@link nscope.app.screen.ScreenActions}, views' Actions).
 * Uses the container engine, exec and audit.
 */
package nscope.app.screen;
