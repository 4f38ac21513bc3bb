/**
 * Labs as the screen sees them: {@link nscope.views.lab.LabDriver}, the interface the app implements over
 * its lab engine (the views only ever see plain data: names, a step's words, what it ran and observed, the
 * object it made or changed), and {@link nscope.views.lab.LabText}, a step's words as the lines the lab
 * pane shows, escaped for a terminal.
 *
 * <p>May use: {@code nscope.views.text} (escaping, wrapping). No Lanterna.
 */
package nscope.views.lab;
