package nscope.probes.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import nscope.probes.model.NsKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NsLinkTextTest {
    @ParameterizedTest
    @EnumSource(NsKind.class)
    void everyType(NsKind kind) throws Malformed {
        String text = kind.label() + ":[4026531840]";
        NsLinkText t = NsLinkText.parse(text);
        assertEquals(kind, t.kind());
        assertEquals(4026531840L, t.inode());
        assertEquals(text, t.text());
    }

    /** The native reader's parse, from readlinkat's bytes: the same as the text's, or null for anything else. */
    @ParameterizedTest
    @EnumSource(NsKind.class)
    void fromBytesAsFromText(NsKind kind) throws Malformed {
        byte[] buf = new byte[256];
        for (String text : new String[] {
            kind.label() + ":[4026531840]", kind.label() + ":[18446744073709551615]", kind.label() + ":[0]"
        }) {
            byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, buf, 0, b.length);
            assertEquals(NsLinkText.parse(text), NsLinkText.parse(buf, b.length, kind), text);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "net:[]",
                "net:[12a]",
                "net:4026531840",
                "net:[4026531840",
                "ipc:[4026531840]",
                "net:[18446744073709551616]",
                "ne:[1]"
            })
    void fromBytesAnythingElseIsNull(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(null, NsLinkText.parse(b, b.length, NsKind.NET), text);
    }

    @Test
    void labelsAreTheKernelNames() throws Malformed {
        assertEquals(NsKind.MNT, NsLinkText.parse("mnt:[4026531841]").kind());
        assertEquals(NsKind.CGROUP, NsLinkText.parse("cgroup:[4026531835]").kind());
        assertEquals(NsKind.TIME, NsLinkText.parse("time:[4026531834]").kind());
    }

    @Test
    void inodeAbove2To63() throws Malformed {
        NsLinkText t = NsLinkText.parse("net:[9223372036854775808]");
        assertEquals(Long.MIN_VALUE, t.inode());
        assertEquals("net:[9223372036854775808]", t.text());
        NsLinkText max = NsLinkText.parse("user:[18446744073709551615]");
        assertEquals(-1L, max.inode());
        assertEquals("user:[18446744073709551615]", max.text());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "foo:[4026531840]",
                "NET:[4026531840]",
                "pid_for_children:[4026531836]",
                " net:[1]",
                "net:4026531840",
                "net:[4026531840",
                "net:4026531840]",
                "net[4026531840]",
                "net:[]",
                "net:",
                ":[1]",
                "",
                "net",
                "[4026531840]",
                "net:(4026531840)",
                "net:[abc]",
                "net:[-1]",
                "net:[1 2]",
                "net:[ 1]",
                "net:[0x10]",
                "net:[[1]]",
                "net:[18446744073709551616]",
            })
    void malformed(String s) {
        assertThrows(Malformed.class, () -> NsLinkText.parse(s));
    }
}
