package nscope.probes.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nscope.probes.ints.IntKeyed;
import org.junit.jupiter.api.Test;

class TidPathsTest {
    @Test
    void answersAsTheMapItReplacesForPutAndPutIfAbsent() {
        Random rnd = new Random(17);
        for (boolean firstWins : new boolean[] {false, true}) {
            Map<Integer, String> map = new HashMap<>();
            TidPaths.Builder b = new TidPaths.Builder(firstWins);
            for (int c = 0; c < 300; c++) {
                String path = "/c" + c;
                int n = rnd.nextInt(40);
                int[] ids = new int[n];
                for (int i = 0; i < n; i++) ids[i] = 1 + rnd.nextInt(5000); // repeats: an ID in two cgroups
                for (int id : ids)
                    if (firstWins) map.putIfAbsent(id, path);
                    else map.put(id, path);
                b.add(path, Pids.of(ids, n));
            }
            IntKeyed<String> t = b.build();
            for (int id = 0; id <= 5001; id++) assertEquals(map.get(id), t.at(id), "ID " + id);
        }
    }

    @Test
    void singleIdsAndNothing() {
        TidPaths.Builder b = new TidPaths.Builder(true);
        b.add("/a", 7);
        b.add("/b", 7);
        b.add("/b", 3);
        IntKeyed<String> t = b.build();
        assertEquals("/a", t.at(7));
        assertEquals("/b", t.at(3));
        assertNull(t.at(5));
        assertNull(new TidPaths.Builder(false).build().at(1));
        assertNull(TidPaths.EMPTY.get(0));
        TidPaths.Builder empty = new TidPaths.Builder(false);
        empty.add("/x", List.of());
        assertNull(empty.build().get(0));
    }
}
