package nscope.app.cli.common;

/**
 * The top command as its subcommands see it (their @ParentCommand): where the host's files are read
 * from. An interface, so the commands need not know the command tree that holds them.
 */
public interface Rooted {
    RootOptions roots();
}
