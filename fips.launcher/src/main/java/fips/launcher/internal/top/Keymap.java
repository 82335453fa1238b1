package fips.launcher.internal.top;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one registry of key bindings (reference/cli-fipstop.md "Keybindings"), read by both the footer
 * hints and the {@code ?} overlay, keyed by the context (tab and mode) they apply in. The
 * {@link Controller} implements exactly these.
 */
public final class Keymap {
    private Keymap() {}

    /** Where a binding applies. */
    public enum Scope { GLOBAL, TABLE, DETAIL, PEERS, TRANSPORTS, PANES, PERFORMANCE, GRAPHS, CONFIRM }

    /** One binding: the keys as shown, what they do, where, and whether the footer shows it. */
    public record Binding(String keys, String action, Scope scope, boolean hint) {}

    public static final List<Binding> ALL = List.of(
            new Binding("q Ctrl-C", "quit", Scope.GLOBAL, true),
            new Binding("Tab", "next tab", Scope.GLOBAL, true),
            new Binding("Shift-Tab", "previous tab", Scope.GLOBAL, false),
            new Binding("g", "Graphs tab", Scope.GLOBAL, false),
            new Binding("?", "help", Scope.GLOBAL, true),
            new Binding("Esc", "close detail / deselect row", Scope.GLOBAL, false),
            new Binding("Up Down", "select row", Scope.TABLE, true),
            new Binding("Enter", "detail", Scope.TABLE, true),
            new Binding("Esc", "deselect", Scope.TABLE, false),
            new Binding("Up Down PgUp PgDn", "scroll", Scope.DETAIL, true),
            new Binding("Esc", "close detail", Scope.DETAIL, true),
            new Binding("Del", "disconnect peer", Scope.PEERS, true),
            new Binding("Right Space", "expand", Scope.TRANSPORTS, true),
            new Binding("Left", "collapse", Scope.TRANSPORTS, true),
            new Binding("e", "expand all", Scope.TRANSPORTS, true),
            new Binding("c", "collapse all", Scope.TRANSPORTS, true),
            new Binding("f", "next pane", Scope.PANES, true),
            new Binding("Up Down", "scroll 1", Scope.PANES, true),
            new Binding("PgUp PgDn", "scroll 10", Scope.PANES, true),
            new Binding("Home End", "top / bottom", Scope.PANES, true),
            new Binding("s", "sort column", Scope.PERFORMANCE, true),
            new Binding("S", "sort direction", Scope.PERFORMANCE, true),
            new Binding("m", "mode", Scope.GRAPHS, true),
            new Binding("Left Right Space", "time window", Scope.GRAPHS, true),
            new Binding("n N", "next / previous metric or peer", Scope.GRAPHS, true),
            new Binding("Up Down", "scroll / select peer", Scope.GRAPHS, true),
            new Binding("Enter", "expand peer plot (MetricByPeer)", Scope.GRAPHS, false),
            new Binding("s S", "sort by-peer list / direction", Scope.GRAPHS, false),
            new Binding("y", "disconnect", Scope.CONFIRM, true),
            new Binding("n Esc", "cancel", Scope.CONFIRM, true));

    /** The scopes in force for the current tab and mode. */
    public static Set<Scope> scopes(ViewState st) {
        if (st.confirmNpub() != null) return EnumSet.of(Scope.CONFIRM);
        Set<Scope> s = EnumSet.of(Scope.GLOBAL);
        Tab t = st.tab();
        if (t.isTable() && st.detail(t)) {
            s.add(Scope.DETAIL);
            return s;
        }
        if (t.isTable()) s.add(Scope.TABLE);
        if (t == Tab.PEERS) s.add(Scope.PEERS);
        if (t == Tab.TRANSPORTS) s.add(Scope.TRANSPORTS);
        if (t.hasPanes()) s.add(Scope.PANES);
        if (t == Tab.PERFORMANCE) s.add(Scope.PERFORMANCE);
        if (t == Tab.GRAPHS) s.add(Scope.GRAPHS);
        return s;
    }

    /** The bindings in force, context-specific ones first. */
    public static List<Binding> current(ViewState st) {
        Set<Scope> s = scopes(st);
        List<Binding> out = new ArrayList<>();
        for (Binding b : ALL) if (b.scope() != Scope.GLOBAL && s.contains(b.scope())) out.add(b);
        for (Binding b : ALL) if (b.scope() == Scope.GLOBAL && s.contains(b.scope())) out.add(b);
        return out;
    }

    /** The footer: the hinted bindings in force, "key action" pairs. */
    public static String footer(ViewState st) {
        StringBuilder b = new StringBuilder();
        for (Binding k : current(st)) {
            if (!k.hint()) continue;
            if (b.length() > 0) b.append("  ");
            b.append(k.keys()).append(' ').append(k.action());
        }
        return b.toString();
    }
}
