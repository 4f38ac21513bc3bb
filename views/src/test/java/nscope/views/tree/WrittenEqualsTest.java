package nscope.views.tree;

import static nscope.testkit.Equality.same;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.googlecode.lanterna.input.KeyType;
import nscope.probes.model.NsId;
import nscope.probes.model.NsKind;
import nscope.views.keys.Key;
import org.junit.jupiter.api.Test;

/**
 * The row keys and keys whose equals and hashCode are written out (a record's own costs the first frame its
 * method-handle bootstrap) still mean what a record's do: equal exactly when every component is.
 */
class WrittenEqualsTest {
    @Test
    void equalExactlyWhenEveryComponentIs() {
        same(new RowKey.Task(42, 1234L, false), new RowKey.Task(42, 1234L, false));
        assertNotEquals(new RowKey.Task(42, 1234L, false), new RowKey.Task(43, 1234L, false));
        assertNotEquals(new RowKey.Task(42, 1234L, false), new RowKey.Task(42, 1235L, false));
        assertNotEquals(new RowKey.Task(42, 1234L, false), new RowKey.Task(42, 1234L, true));

        NsId id = new NsId(4, 4026531840L);
        same(new RowKey.Namespace(NsKind.NET, id), new RowKey.Namespace(NsKind.NET, new NsId(4, 4026531840L)));
        assertNotEquals(new RowKey.Namespace(NsKind.NET, id), new RowKey.Namespace(NsKind.UTS, id));
        assertNotEquals(new RowKey.Namespace(NsKind.NET, id), new RowKey.Namespace(NsKind.NET, new NsId(4, 1)));

        same(Key.of('k'), new Key(KeyType.Character, 'k', false));
        assertNotEquals(Key.of('k'), Key.of('K'));
        assertNotEquals(Key.of('k'), Key.ctrl('k'));
        assertNotEquals(Key.of(KeyType.Enter), Key.of(KeyType.Escape));
    }
}
