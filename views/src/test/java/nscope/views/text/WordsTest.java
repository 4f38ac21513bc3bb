package nscope.views.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void aCommandIsSplitAsAShellWouldWithoutExpandingAnything() {
        assertEquals(List.of("sh", "-c", "id; hostname"), Words.split("sh -c \"id; hostname\""));
        assertEquals(List.of("sh", "-c", "echo $HOME 'x'"), Words.split("sh -c 'echo $HOME '\\''x'\\'"));
        assertEquals(List.of("a b", "c\"d", "e\\f", "$X", "*"), Words.split("a\\ b \"c\\\"d\" \"e\\f\" $X *"));
        assertEquals(List.of("", "x"), Words.split("'' x"));
        assertEquals(List.of(), Words.split("   "));
        assertEquals(List.of("ls", "-l"), Words.split("  ls\t-l  "));
    }

    @Test
    void anUnclosedQuoteIsSaidNotGuessed() {
        assertEquals(
                "a \" quote is not closed",
                assertThrows(IllegalArgumentException.class, () -> Words.split("sh -c \"id"))
                        .getMessage());
        assertEquals(
                "a ' quote is not closed",
                assertThrows(IllegalArgumentException.class, () -> Words.split("echo 'x"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Words.split("x \\"));
    }

    @Test
    void quotedWordsSplitBackToThemselves() {
        List<String> words = List.of("sh", "-c", "id; hostname", "it's", "", "a\\b", "$HOME", "plain/path-1.0");
        String q = Words.quoted(words);
        assertEquals("sh -c 'id; hostname' 'it'\\''s' '' 'a\\b' '$HOME' plain/path-1.0", q);
        assertEquals(words, Words.split(q));
    }
}
