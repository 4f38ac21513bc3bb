package nscope.probes.source;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nscope.probes.model.NsFacts;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.probes.readout.Readout;
import nscope.probes.readout.Unknown;

/**
 * The facts read inside namespaces (uts, ipc, net) as a capture recorded
 * them, in {@value #FILE}: one line per namespace, "KIND INODE DEVICE ok
 * FIELD..." or "KIND INODE DEVICE ? REASON DETAIL". Fields are URL-encoded
 * ("~" is null); uts: HOSTNAME DOMAINNAME; ipc: SHM SEM MSG; net: one field
 * per interface, its own fields comma-joined (INDEX,NAME,FLAGS,OPERSTATE,
 * MTU,MAC,PEER_INDEX,PEER_NETNSID,ADDRESSES, the lists comma-joined inside);
 * cgroup: TID, then each line of its /proc/TID/cgroup as seen inside.
 * A namespace with no line, or a fixture with no file, replays as unknown
 * (not recorded).
 */
final class RecordedFacts implements FactReader {
    static final String FILE = "facts";
    private static final String NULL = "~";
    private final Path dir;

    RecordedFacts(Path dir) {
        this.dir = dir;
    }

    @Override
    public Map<NsId, Readout<NsFacts>> read(Path proc, Map<NsId, RelationReader.Start> starts) {
        Map<NsId, Readout<NsFacts>> out = new TreeMap<>();
        Map<NsId, Readout<NsFacts>> recorded = new HashMap<>();
        Readout<NsFacts> missing = Readout.unknown(Unknown.Reason.NOT_PROVIDED, "not recorded in this fixture");
        try {
            for (String line : Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                String[] f = line.split(" ", -1);
                NsId id = new NsId(Long.parseLong(f[2]), Long.parseUnsignedLong(f[1]));
                recorded.put(id, parse(NsKind.parse(f[0]), f, line));
            }
        } catch (NoSuchFileException e) {
            // an older fixture: every start is "not recorded"
        } catch (IOException | RuntimeException e) {
            Readout<NsFacts> bad = Readout.unknown(Unknown.Reason.IO_ERROR, dir.resolve(FILE) + ": " + e.getMessage());
            for (NsId id : starts.keySet()) out.put(id, bad);
            return out;
        }
        for (NsId id : starts.keySet()) out.put(id, recorded.getOrDefault(id, missing));
        return out;
    }

    private static Readout<NsFacts> parse(NsKind kind, String[] f, String line) {
        if (f[3].equals("?")) {
            String[] why = line.split(" ", 6);
            return Readout.unknown(Unknown.Reason.valueOf(why[4]), why.length > 5 ? why[5] : "");
        }
        List<String> v = Arrays.stream(f).skip(4).map(RecordedFacts::dec).toList();
        return Readout.of(
                switch (kind) {
                    case UTS -> new NsFacts.Uts(v.get(0), v.get(1));
                    case IPC ->
                        new NsFacts.Ipc(
                                Integer.parseInt(v.get(0)), Integer.parseInt(v.get(1)), Integer.parseInt(v.get(2)));
                    case NET -> {
                        List<NsFacts.Interface> ifs = new ArrayList<>();
                        for (String i : v) {
                            List<String> x = list(i);
                            ifs.add(new NsFacts.Interface(
                                    Integer.parseInt(x.get(0)),
                                    x.get(1),
                                    list(x.get(2)),
                                    x.get(3),
                                    integer(x.get(4)),
                                    x.get(5),
                                    integer(x.get(6)),
                                    integer(x.get(7)),
                                    list(x.get(8)),
                                    x.size() > 9 ? nsId(x.get(9)) : null));
                        }
                        yield new NsFacts.Net(ifs);
                    }
                    case CGROUP -> {
                        List<nscope.probes.cgroups.CgroupLine> inside = new ArrayList<>();
                        for (String l : v.subList(1, v.size())) {
                            try {
                                inside.addAll(nscope.probes.parse.CgroupText.procLines(l));
                            } catch (nscope.probes.parse.Malformed m) {
                                throw new IllegalArgumentException(m.getMessage());
                            }
                        }
                        yield new NsFacts.Cgroup(Integer.parseInt(v.get(0)), inside, List.of());
                    }
                    default -> throw new IllegalArgumentException("no recorded facts for " + kind);
                });
    }

    /** The line for one namespace's facts. */
    static String format(NsKind kind, NsId id, Readout<NsFacts> r) {
        StringBuilder b = new StringBuilder(kind.label())
                .append(' ')
                .append(Long.toUnsignedString(id.ino()))
                .append(' ')
                .append(id.dev());
        if (!r.known()) {
            return b.append(" ? ")
                    .append(r.why().reason().name())
                    .append(' ')
                    .append(r.why().detail().replace('\n', ' '))
                    .append('\n')
                    .toString();
        }
        List<String> v = new ArrayList<>();
        NsFacts x = r.get();
        if (x instanceof NsFacts.Uts u) {
            v.add(u.hostname());
            v.add(u.domainname());
        } else if (x instanceof NsFacts.Ipc i) {
            v.add("" + i.shm());
            v.add("" + i.sem());
            v.add("" + i.msg());
        } else if (x instanceof NsFacts.Net n) {
            for (NsFacts.Interface i : n.interfaces())
                v.add(join(Arrays.asList(
                        "" + i.index(),
                        i.name(),
                        join(i.flags()),
                        i.operstate(),
                        str(i.mtu()),
                        i.mac(),
                        str(i.peerIndex()),
                        str(i.peerNetnsId()),
                        join(i.addresses()),
                        i.peerNetns() == null
                                ? null
                                : i.peerNetns().dev() + ":"
                                        + Long.toUnsignedString(i.peerNetns().ino()))));
        } else if (x instanceof NsFacts.Cgroup c) {
            v.add("" + c.tid());
            for (nscope.probes.cgroups.CgroupLine l : c.inside()) v.add(l.toString());
        } else {
            throw new IllegalArgumentException("facts of " + kind + " are not recorded here");
        }
        b.append(" ok");
        for (String s : v) b.append(' ').append(enc(s));
        return b.append('\n').toString();
    }

    /** "DEV:INO" as format writes a peer namespace; null stays null. */
    private static NsId nsId(String s) {
        if (s == null) return null;
        int colon = s.indexOf(':');
        return new NsId(Long.parseLong(s.substring(0, colon)), Long.parseUnsignedLong(s.substring(colon + 1)));
    }

    private static String str(Integer i) {
        return i == null ? null : i.toString();
    }

    private static Integer integer(String s) {
        return s == null ? null : Integer.valueOf(s);
    }

    private static String enc(String s) {
        return s == null ? NULL : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return s.equals(NULL) ? null : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String join(List<String> items) {
        StringBuilder b = new StringBuilder();
        for (String s : items) {
            if (b.length() > 0) b.append(',');
            b.append(enc(s));
        }
        return b.toString();
    }

    private static List<String> list(String joined) {
        if (joined == null || joined.isEmpty()) return List.of();
        return Arrays.stream(joined.split(",", -1)).map(RecordedFacts::dec).toList();
    }
}
