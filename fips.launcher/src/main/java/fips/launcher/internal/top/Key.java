package fips.launcher.internal.top;

/** A decoded key press: a named key, or {@link Kind#CHAR} with its character. */
public record Key(Kind kind, char ch) {

    public enum Kind { CHAR, UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, TAB, BACK_TAB, ENTER, ESC, DELETE, BACKSPACE, CTRL_C }

    public static Key of(Kind k) {
        return new Key(k, '\0');
    }

    public static Key ch(char c) {
        return new Key(Kind.CHAR, c);
    }

    public boolean is(char c) {
        return kind == Kind.CHAR && ch == c;
    }
}
