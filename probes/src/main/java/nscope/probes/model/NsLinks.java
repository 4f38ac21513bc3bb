package nscope.probes.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import nscope.probes.readout.Readout;

/**
 * A task's namespace links, immutable: one array slot per {@link NsLink}, in
 * the links' order (as an EnumMap iterates). Threads of a process, and
 * processes of a container, mostly hold the same links, so a reader shares
 * one instance among them ({@link #equals} is then identity, and 12,000
 * tasks hold a few hundred of these instead of two EnumMaps each).
 */
public final class NsLinks extends AbstractMap<NsLink, Readout<NsId>> {
    private static final NsLink[] LINKS = NsLink.values();

    private final Readout<NsId>[] byLink;
    private final int size;
    private final int hash;

    private NsLinks(Readout<NsId>[] byLink) {
        this.byLink = byLink;
        int n = 0, h = 0;
        for (int i = 0; i < byLink.length; i++) {
            if (byLink[i] == null) continue;
            n++;
            h += LINKS[i].hashCode() ^ byLink[i].hashCode(); // Map's hashCode: the entries' sum
        }
        this.size = n;
        this.hash = h;
    }

    /**
     * The links of a map (its own instance when it is one already); a link mapped to null is absent, as
     * {@link Task#ns} reads either way ("not read").
     */
    public static NsLinks of(Map<NsLink, Readout<NsId>> links) {
        if (links instanceof NsLinks l) return l;
        Readout<NsId>[] a = slots();
        links.forEach((k, v) -> a[k.ordinal()] = v);
        return new NsLinks(a);
    }

    /** Links read slot by slot: {@code byLink[link.ordinal()]}, null where a link is absent (taken, not copied). */
    public static NsLinks ofSlots(Readout<NsId>[] byLink) {
        if (byLink.length != LINKS.length) throw new IllegalArgumentException("one slot per link");
        return new NsLinks(byLink);
    }

    @SuppressWarnings("unchecked")
    public static Readout<NsId>[] slots() {
        return (Readout<NsId>[]) new Readout<?>[LINKS.length];
    }

    @Override
    public Readout<NsId> get(Object key) {
        return key instanceof NsLink l ? byLink[l.ordinal()] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (o instanceof NsLinks l) return hash == l.hash && Arrays.equals(byLink, l.byLink);
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super NsLink, ? super Readout<NsId>> action) {
        for (int i = 0; i < byLink.length; i++) if (byLink[i] != null) action.accept(LINKS[i], byLink[i]);
    }

    @Override
    public Set<Entry<NsLink, Readout<NsId>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<NsLink, Readout<NsId>>> iterator() {
                return new Iterator<>() {
                    private int next = skip(0);

                    private int skip(int i) {
                        while (i < byLink.length && byLink[i] == null) i++;
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < byLink.length;
                    }

                    @Override
                    public Entry<NsLink, Readout<NsId>> next() {
                        if (!hasNext()) throw new NoSuchElementException();
                        Entry<NsLink, Readout<NsId>> e = new SimpleImmutableEntry<>(LINKS[next], byLink[next]);
                        next = skip(next + 1);
                        return e;
                    }
                };
            }
        };
    }
}
