package nscope.probes.ints;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/**
 * An immutable map sorted by int keys (TIDs, TGIDs), as two arrays: what a snapshot holds by task, and
 * each cgroup tree's path by thread.
 * A live refresh makes a snapshot's maps anew and they live until the next, so the collector promotes
 * them; a TreeMap of 12,000 tasks is 12,000 entries (half a megabyte) where this is two arrays of a
 * tenth of that. Views (subMap, headMap, tailMap) are copies: nothing can change under them.
 */
public final class IntKeyed<V> extends AbstractMap<Integer, V> implements SortedMap<Integer, V> {
    private final int[] keys;
    private final Object[] values;

    private IntKeyed(int[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Keys already sorted and unique, with their values (neither array is copied: the caller hands them over). */
    public static <V> IntKeyed<V> sorted(int[] keys, Object[] values) {
        if (keys.length != values.length) throw new IllegalArgumentException("keys and values differ in number");
        return new IntKeyed<>(keys, values);
    }

    /** The map's entries sorted by key; no null key or value (as Map.copyOf). */
    public static <V> IntKeyed<V> copyOf(Map<Integer, ? extends V> m) {
        if (m instanceof IntKeyed<?> k) {
            @SuppressWarnings("unchecked")
            IntKeyed<V> same = (IntKeyed<V>) k;
            return same;
        }
        int n = m.size(), i = 0;
        int[] keys = new int[n];
        Object[] values = new Object[n];
        boolean sorted = true;
        for (Map.Entry<Integer, ? extends V> e : m.entrySet()) {
            keys[i] = e.getKey(); // a null key throws here
            values[i] = java.util.Objects.requireNonNull(e.getValue(), "null value");
            if (i > 0 && keys[i - 1] >= keys[i]) sorted = false;
            i++;
        }
        if (!sorted) sortTogether(keys, values);
        return new IntKeyed<>(keys, values);
    }

    /** Sorts both arrays by key: (key, index) pairs packed in longs, one primitive sort, nothing boxed. */
    private static void sortTogether(int[] keys, Object[] values) {
        long[] order = new long[keys.length];
        for (int i = 0; i < order.length; i++) order[i] = (long) keys[i] << 32 | i; // signed key high, index low
        Arrays.sort(order);
        Object[] v = values.clone();
        for (int i = 0; i < order.length; i++) {
            keys[i] = (int) (order[i] >> 32);
            values[i] = v[(int) order[i]];
        }
    }

    private int index(Object key) {
        return key instanceof Integer k ? Arrays.binarySearch(keys, k) : -1;
    }

    /** The value of an int key, or null: {@link #get} without boxing the key (a lookup per row and tree). */
    @SuppressWarnings("unchecked")
    public V at(int key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? (V) values[i] : null;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return index(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = index(key);
        return i >= 0 ? (V) values[i] : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super Integer, ? super V> action) {
        for (int i = 0; i < keys.length; i++) action.accept(keys[i], (V) values[i]);
    }

    @Override
    public Comparator<? super Integer> comparator() {
        return null; // natural order
    }

    @Override
    public Integer firstKey() {
        if (keys.length == 0) throw new NoSuchElementException();
        return keys[0];
    }

    @Override
    public Integer lastKey() {
        if (keys.length == 0) throw new NoSuchElementException();
        return keys[keys.length - 1];
    }

    /** Where the first key at or above k is. */
    private int from(int k) {
        int i = Arrays.binarySearch(keys, k);
        return i >= 0 ? i : -i - 1;
    }

    private IntKeyed<V> slice(int from, int to) {
        return new IntKeyed<>(Arrays.copyOfRange(keys, from, to), Arrays.copyOfRange(values, from, to));
    }

    @Override
    public SortedMap<Integer, V> subMap(Integer fromKey, Integer toKey) {
        if (fromKey > toKey) throw new IllegalArgumentException("fromKey > toKey");
        return slice(from(fromKey), from(toKey));
    }

    @Override
    public SortedMap<Integer, V> headMap(Integer toKey) {
        return slice(0, from(toKey));
    }

    @Override
    public SortedMap<Integer, V> tailMap(Integer fromKey) {
        return slice(from(fromKey), keys.length);
    }

    @Override
    public Set<Integer> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Integer> iterator() {
                return new At<>(i -> keys[i]);
            }

            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new At<>(i -> (V) values[i]);
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<Map.Entry<Integer, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Integer, V>> iterator() {
                return new At<>(i -> new SimpleImmutableEntry<>(keys[i], (V) values[i]));
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    /** An iterator over the slots, in key order. */
    private final class At<T> implements Iterator<T> {
        private final java.util.function.IntFunction<T> item;
        private int i;

        At(java.util.function.IntFunction<T> item) {
            this.item = item;
        }

        @Override
        public boolean hasNext() {
            return i < keys.length;
        }

        @Override
        public T next() {
            if (i >= keys.length) throw new NoSuchElementException();
            return item.apply(i++);
        }
    }
}
