/**
 * What `mvn package` makes from the command line's model for installing beside the jar: the man page
 * (troff, written here from picocli's CommandSpec, with the screen's keys from its key table) and the
 * bash completion (picocli's AutoComplete). It uses nscope.app.cli and the views' key table; nothing
 * uses it.
 */
package nscope.app.docs;
