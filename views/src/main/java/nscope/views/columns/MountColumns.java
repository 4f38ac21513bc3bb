package nscope.views.columns;

import java.util.List;
import nscope.probes.mounts.Mount;
import nscope.views.columns.Column.Align;
import nscope.views.columns.Column.JsonType;

/**
 * The mount columns: `nscope mounts` (text as findmnt --tree, JSON as
 * findmnt -J) and the mounts screen pick theirs from these.
 */
public final class MountColumns {
    private MountColumns() {}

    public static final Column<Mount> TARGET = new Column<>(
            "TARGET",
            0,
            Align.LEFT,
            "target",
            JsonType.STRING,
            "each mount namespace's mounts as a tree, a mount under the one it is mounted on, by its mount point; an overlay's layers under it",
            Mount::mountPoint);
    public static final Column<Mount> SOURCE = new Column<>(
            "SOURCE",
            24,
            Align.LEFT,
            "source",
            JsonType.STRING,
            "what is mounted (a device, a server's share, a pseudo file system's name); SOURCE[/dir]: only that directory of it, a bind mount",
            MountCells::source);
    public static final Column<Mount> FSTYPE = new Column<>(
            "FSTYPE",
            9,
            Align.LEFT,
            "fstype",
            JsonType.STRING,
            "the file system type (ext4, overlay, proc, tmpfs, ...)",
            Mount::fsType);
    /** In JSON, "propagation" and the peer group numbers are fields of their own (findmnt has none). */
    public static final Column<Mount> PROPAGATION = new Column<>(
            "PROPAGATION",
            12,
            Align.LEFT,
            null,
            null,
            "how mount events spread: shared:N with peer group N, master:N from group N, unbindable, or private (neither)",
            m -> m.propagation().tags());

    public static final Column<Mount> OPTIONS = new Column<>(
            "OPTIONS",
            0,
            Align.LEFT,
            "options",
            JsonType.STRING,
            "the mount's options, then its superblock's, as findmnt merges them",
            MountCells::options);

    /** findmnt --tree's columns (and PROPAGATION). */
    public static final List<Column<Mount>> TEXT = List.of(TARGET, SOURCE, FSTYPE, PROPAGATION, OPTIONS);
    /** findmnt -J's fields, before the ones only nscope writes. */
    public static final List<Column<Mount>> JSON = List.of(TARGET, SOURCE, FSTYPE, OPTIONS);
    /** The mounts screen: the tree last. */
    public static final List<Column<Mount>> SCREEN = List.of(FSTYPE, PROPAGATION, SOURCE, TARGET);
}
