package nscope.probes.ints;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list of TIDs as one int array: a snapshot's thread groups, made anew each live refresh
 * and held until the next (promoted), were an Integer object per task besides the list.
 */
public final class TidList extends AbstractList<Integer> implements RandomAccess {
    private final int[] tids;

    public TidList(int[] tids) {
        this.tids = tids;
    }

    @Override
    public Integer get(int i) {
        return tids[i]; // an index out of range throws, as List.get must
    }

    @Override
    public int size() {
        return tids.length;
    }
}
