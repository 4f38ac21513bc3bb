package nscope.probes.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsRelations;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * Relations as a capture recorded them, in {@value #FILE}: one line per
 * namespace the walk reached, "KIND INODE DEVICE PARENT OWNER OWNER_UID"
 * ("-" for none) or "KIND INODE DEVICE ? REASON DETAIL" when unknown.
 */
final class RecordedRelations implements RelationReader {
    static final String FILE = "relations";
    private final Path dir;

    RecordedRelations(Path dir) {
        this.dir = dir;
    }

    @Override
    public Result walk(Map<NsId, Start> starts) {
        Map<NsId, Readout<NsRelations>> out = new TreeMap<>();
        Map<NsId, NsKind> found = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            for (NsId id : starts.keySet())
                out.put(id, Readout.unknown(Unknown.Reason.NOT_PROVIDED, "not recorded in this fixture"));
            return new Result(out, found);
        } catch (IOException e) {
            for (NsId id : starts.keySet())
                out.put(id, Readout.unknown(Unknown.Reason.IO_ERROR, dir.resolve(FILE) + ": " + e.getMessage()));
            return new Result(out, found);
        }
        Map<Long, NsId> byIno = new HashMap<>();
        List<String[]> rows = lines.stream()
                .filter(l -> !l.isBlank())
                .map(l -> l.split(" ", 6))
                .toList();
        for (String[] f : rows)
            byIno.put(Long.parseUnsignedLong(f[1]), new NsId(Long.parseLong(f[2]), Long.parseUnsignedLong(f[1])));
        for (String[] f : rows) {
            NsId id = byIno.get(Long.parseUnsignedLong(f[1]));
            if (!starts.containsKey(id)) found.put(id, NsKind.parse(f[0]));
            if (f[3].equals("?")) {
                out.put(id, Readout.unknown(Unknown.Reason.valueOf(f[4]), f.length > 5 ? f[5] : ""));
            } else {
                out.put(
                        id,
                        Readout.of(new NsRelations(
                                ref(byIno, f[3]), ref(byIno, f[4]), f[5].equals("-") ? null : Long.parseLong(f[5]))));
            }
        }
        return new Result(out, found);
    }

    private static NsId ref(Map<Long, NsId> byIno, String s) {
        return s.equals("-") ? null : byIno.get(Long.parseUnsignedLong(s));
    }

    /** The lines for a walk's result; every namespace named in it is a line of its own. */
    static String format(Result r, Map<NsId, NsKind> kinds) {
        StringBuilder b = new StringBuilder();
        r.relations().forEach((id, rel) -> {
            NsKind k = kinds.getOrDefault(id, r.found().get(id));
            b.append(k.label())
                    .append(' ')
                    .append(Long.toUnsignedString(id.ino()))
                    .append(' ')
                    .append(id.dev())
                    .append(' ');
            if (rel.known()) {
                NsRelations x = rel.get();
                b.append(
                                x.parent() == null
                                        ? "-"
                                        : Long.toUnsignedString(x.parent().ino()))
                        .append(' ')
                        .append(
                                x.owner() == null
                                        ? "-"
                                        : Long.toUnsignedString(x.owner().ino()))
                        .append(' ')
                        .append(x.ownerUid() == null ? "-" : x.ownerUid().toString());
            } else {
                b.append("? ")
                        .append(rel.why().reason().name())
                        .append(' ')
                        .append(rel.why().detail().replace('\n', ' '));
            }
            b.append('\n');
        });
        return b.toString();
    }
}
