package nscope.app.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The screen's output: Lanterna's character-at-a-time writes reach the terminal as one write per flush. */
class QuickTerminalOutputTest {
    /** What the terminal was handed, write by write. */
    private static final class Writes extends OutputStream {
        final List<String> each = new ArrayList<>();

        @Override
        public void write(int b) {
            each.add(String.valueOf((char) b));
        }

        @Override
        public void write(byte[] b, int off, int len) {
            each.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    @Test
    void charactersAreHeldUntilTheFlushThenWrittenAtOnce() throws IOException {
        Writes terminal = new Writes();
        QuickTerminal.Output out = new QuickTerminal.Output(terminal);
        for (char c : "\033[1;1Hnscope".toCharArray()) out.write(new byte[] {(byte) c});
        assertEquals(List.of(), terminal.each, "nothing reaches the terminal before the frame is flushed");
        out.flush();
        assertEquals(List.of("\033[1;1Hnscope"), terminal.each, "the frame in one write");
    }

    @Test
    void aQueryToTheTerminalLeavesAtOnce() throws IOException {
        Writes terminal = new Writes();
        QuickTerminal.Output out = new QuickTerminal.Output(terminal);
        out.write("held".getBytes(StandardCharsets.UTF_8));
        out.flush();
        out.direct = true; // Lanterna asks for the cursor's position and waits for the answer
        out.write("\033[6n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("held", "\033[6n"), terminal.each);
    }

    @Test
    void aFrameLargerThanTheBufferArrivesWholeAndInOrder() throws IOException {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        QuickTerminal.Output out = new QuickTerminal.Output(terminal);
        StringBuilder frame = new StringBuilder();
        for (int i = 0; i < 100_000; i++) frame.append((char) ('a' + i % 26));
        for (char c : frame.toString().toCharArray()) out.write(new byte[] {(byte) c});
        out.flush();
        assertEquals(frame.toString(), terminal.toString(StandardCharsets.UTF_8));
    }
}
