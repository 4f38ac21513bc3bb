/**
 * nscope replay's screen: a recording as a timeline the screen moves along ({@code < > { } :}), the
 * host at each entry decoded from the journal (the next entry one delta on), and `t`'s lens made
 * from what the recording holds on a task.
 */
package nscope.app.screen.replay;
