package nscope.probes.mounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of /proc/PID/mountinfo (proc(5)), every path and name decoded
 * from the kernel's octal escapes.
 *
 * @param id           the mount's ID, unique in its namespace (may be reused after unmount)
 * @param parentId     the ID of the mount this one is mounted on; for the root of the
 *                     reader's view, a mount it cannot see (or itself)
 * @param device       st_dev of the filesystem
 * @param root         the directory of the filesystem that is mounted here ("/" for all of it)
 * @param mountPoint   where it is mounted, relative to the reader's root
 * @param options      per-mount options (rw/ro, nosuid, relatime, ...)
 * @param fsType       type, with its subtype when there is one ("fuse.sshfs")
 * @param source       the mount source as the filesystem shows it; "" when it has none
 * @param superOptions the superblock's options
 * @param overlay      the layers, for an overlay mount whose layer options could be read
 * @param problems     what was wrong in the line, by part ("layers", "propagation", "root", "mount point"):
 *                     such a part is kept as written (a path with a stray backslash, an optional field
 *                     this parser does not take) or, for an overlay's layers, left unknown; the rest of
 *                     the mount is as read. Empty for a line the kernel wrote as documented.
 */
public record Mount(
        int id,
        int parentId,
        DeviceNumber device,
        String root,
        String mountPoint,
        List<String> options,
        Propagation propagation,
        String fsType,
        String source,
        List<String> superOptions,
        Optional<OverlayLayers> overlay,
        Map<String, String> problems) {
    public Mount {
        options = List.copyOf(options);
        superOptions = List.copyOf(superOptions);
        problems = problems.isEmpty() // most have none: no map of their own each
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(problems));
    }

    /** A mount read whole, with nothing wrong in its line. */
    public Mount(
            int id,
            int parentId,
            DeviceNumber device,
            String root,
            String mountPoint,
            List<String> options,
            Propagation propagation,
            String fsType,
            String source,
            List<String> superOptions,
            Optional<OverlayLayers> overlay) {
        this(
                id,
                parentId,
                device,
                root,
                mountPoint,
                options,
                propagation,
                fsType,
                source,
                superOptions,
                overlay,
                Map.of());
    }

    /** Why an overlay's layers are unknown (its layer options could not be read); empty when they are known or it is no overlay. */
    public Optional<String> layersUnknown() {
        return Optional.ofNullable(problems.get(LAYERS));
    }

    /** The part of {@link #problems()} that names an overlay's layers. */
    public static final String LAYERS = "layers";

    /** Mounted read-only (this mount's own flag; the superblock may be read-write). */
    public boolean readOnly() {
        return options.contains("ro");
    }
}
