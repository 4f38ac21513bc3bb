package nscope.app.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The guides' Markdown as troff: each construct they use, and text that troff would misread. */
class MarkdownTroffTest {
    @Test
    void headingsParagraphsAndInlineMarks() {
        String md = "# The lens\n\n`t` on a row and **bold -x**, see\n[the notes](notes.md).\n\n## `snapshot --json`\n";
        assertEquals(
                ".SH \"THE LENS\"\n.PP\n\\fBt\\fR on a row and \\fBbold \\-x\\fR, see the notes (notes.md).\n"
                        + ".SS \"snapshot \\-\\-json\"\n",
                MarkdownTroff.of(md));
    }

    @Test
    void codeIsKeptLineForLineAndALeadingDotIsNotARequest() {
        String md = "```sh\nls -l\n.hidden \\ back\n```\n";
        assertEquals(".PP\n.RS 2\n.nf\nls \\-l\n\\&.hidden \\e back\n.fi\n.RE\n", MarkdownTroff.of(md));
    }

    @Test
    void listsJoinTheirContinuationLines() {
        String md = "- one\n  more\n- two\n\n1. first\n2. second\n";
        assertEquals(
                ".IP \\(bu 2\none more\n.IP \\(bu 2\ntwo\n.IP 1. 4\nfirst\n.IP 2. 4\nsecond\n", MarkdownTroff.of(md));
    }

    @Test
    void aTableIsTaggedParagraphsWithItsColumnNames() {
        String md = "| what | default | less |\n|---|---|---|\n| caps | 14 `CHOWN` | `--cap-drop` a\\|b |\n";
        assertEquals(
                ".TP\ncaps\ndefault: 14 \\fBCHOWN\\fR.\n.br\nless: \\fB\\-\\-cap\\-drop\\fR a|b\n",
                MarkdownTroff.of(md));
    }

    @Test
    void aPictureIsLeftOut() {
        assertEquals(".PP\nafter\n", MarkdownTroff.of("![a screen](x.svg)\n\nafter\n"));
    }
}
