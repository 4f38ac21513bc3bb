package nscope.probes.model;

/**
 * What keeps a namespace alive besides its member tasks: an open file
 * descriptor of some process, or an nsfs bind mount (as `ip netns add`
 * makes) in some mount namespace.
 */
public sealed interface Holder permits Holder.Fd, Holder.Mount {
    /** Process {@code pid} holds the namespace open as file descriptor {@code fd}. */
    record Fd(int pid, int fd) implements Holder {
        @Override
        public String toString() {
            return "fd " + fd + " of " + pid;
        }
    }

    /** A bind mount of the namespace's nsfs file at {@code mountPoint} in mount namespace {@code mountNs}, seen through {@code viaPid}. */
    record Mount(NsId mountNs, int viaPid, String mountPoint) implements Holder {
        @Override
        public String toString() {
            return "mount " + mountPoint + " in mnt:[" + mountNs + "]";
        }
    }
}
