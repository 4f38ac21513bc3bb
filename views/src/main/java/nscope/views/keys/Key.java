package nscope.views.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * One key as the key table names it: a character (with Ctrl or not), or a
 * special key (an arrow, Enter, F9...).
 */
public record Key(KeyType type, char ch, boolean ctrl) {
    // equals and hashCode written out: a record's own are bootstrapped through method handles at first use,
    // some milliseconds of the screen's start (the key table is a map of these)
    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.type == type && k.ch == ch && k.ctrl == ctrl;
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + ch) * 2 + (ctrl ? 1 : 0);
    }

    public static Key of(char c) {
        return new Key(KeyType.Character, c, false);
    }

    public static Key ctrl(char c) {
        return new Key(KeyType.Character, c, true);
    }

    public static Key of(KeyType t) {
        return new Key(t, '\0', false);
    }

    /** The key a keystroke is (Alt is not told apart). */
    public static Key of(KeyStroke k) {
        return k.getKeyType() == KeyType.Character
                ? new Key(KeyType.Character, k.getCharacter(), k.isCtrlDown())
                : of(k.getKeyType());
    }

    /** The same key without Ctrl. */
    public Key plain() {
        return new Key(type, ch, false);
    }

    /** How the help and the messages name it: "j", "Space", "Up", "PgDn", "Ctrl-C", "F9". */
    public String label() {
        if (type == KeyType.Character)
            return ctrl ? "Ctrl-" + Character.toUpperCase(ch) : ch == ' ' ? "Space" : String.valueOf(ch);
        return switch (type) {
            case ArrowUp -> "Up";
            case ArrowDown -> "Down";
            case ArrowLeft -> "Left";
            case ArrowRight -> "Right";
            case PageUp -> "PgUp";
            case PageDown -> "PgDn";
            case Escape -> "Esc";
            default -> type.name();
        };
    }
}
