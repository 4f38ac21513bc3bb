package nscope.probes.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes from the host (comm, argv, names) to a Java string. The kernel does
 * not promise UTF-8: valid UTF-8 is decoded, every byte that is not part of
 * a valid sequence becomes the four characters \xNN, so nothing is lost or
 * silently replaced. Control characters are kept: escaping them is the job
 * of whoever prints (see the views' terminal escaping). A name that holds
 * the four literal characters \xff reads the same as the byte 0xff: we do
 * not escape backslashes, so that every valid name is shown exactly as is.
 */
public final class HostText {
    private HostText() {}

    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    public static String decode(byte[] b, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++)
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        if (ascii) return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        CharsetDecoder dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CharBuffer out = CharBuffer.allocate((to - from) * 4 + 4);
        while (true) {
            CoderResult r = dec.decode(in, out, true);
            if (r.isUnderflow()) break;
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.put(String.format("\\x%02x", in.get() & 0xff));
                }
            } else {
                break; // overflow cannot happen: 4 chars per byte is enough
            }
        }
        dec.flush(out);
        out.flip();
        return out.toString();
    }
}
