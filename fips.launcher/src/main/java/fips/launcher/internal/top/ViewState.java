package fips.launcher.internal.top;

import java.util.HashSet;
import java.util.Set;

/**
 * What the operator has chosen: the tab, the selected row and open detail of each table tab, the focus
 * and scroll of each multi-pane tab, expanded transports, sort orders, the Graphs tab's mode, window
 * and selector, the help overlay, a pending disconnect confirmation and a transient message. Owned by
 * the UI thread; the {@link Controller} changes it, the {@link Renderer} only reads it.
 */
public final class ViewState {
    /** reference/cli-fipstop.md "Graphs tab": the three view modes, cycled by {@code m}. */
    public enum GraphMode {
        NODE("Node"), METRIC_BY_PEER("MetricByPeer"), PEER_BY_METRIC("PeerByMetric");

        public final String label;

        GraphMode(String label) {
            this.label = label;
        }
    }

    /** A Graphs time window and its sample granularity, in the query syntax of show_stats_*_history. */
    public record Window(String window, String granularity, String label) {}

    /** reference/cli-fipstop.md "Graphs tab": Right/Space cycles these. */
    public static final Window[] WINDOWS = {
        new Window("1m", "1s", "1m / 1s"),
        new Window("10m", "1s", "10m / 1s"),
        new Window("1h", "1s", "1h / 1s"),
        new Window("24h", "1m", "24h / 1m"),
    };

    /** Rows a PageUp/PageDown moves. */
    public static final int PAGE_ROWS = 10;

    static final int MAX_PANES = 4;

    private Tab tab = Tab.NODE;
    private boolean help;
    private final int[] selected = new int[Tab.values().length];
    private final boolean[] detail = new boolean[Tab.values().length];
    private int detailScroll;
    private final int[][] paneScroll = new int[Tab.values().length][MAX_PANES];
    private final int[] paneFocus = new int[Tab.values().length];
    private final Set<String> expanded = new HashSet<>();
    private final int[] perfSortColumn = new int[2];
    private final boolean[] perfSortDescending = new boolean[2];
    private GraphMode graphMode = GraphMode.NODE;
    private int graphWindow = 1;
    private int graphSelector;
    private int graphScroll;
    private int byPeerSelected;
    private boolean byPeerDetail;
    private int byPeerSortColumn;
    private boolean byPeerSortDescending;
    private String confirmNpub;
    private String confirmName;
    private String message;
    private long messageUntilMs;
    private int width = 80;
    private int height = 24;

    public ViewState() {
        java.util.Arrays.fill(selected, -1);
    }

    public Tab tab() {
        return tab;
    }

    public void tab(Tab t) {
        tab = t;
        detailScroll = 0;
    }

    public boolean help() {
        return help;
    }

    public void help(boolean on) {
        help = on;
    }

    /** The selected row of table tab {@code t}, -1 for none. */
    public int selected(Tab t) {
        return selected[t.ordinal()];
    }

    public void select(Tab t, int row) {
        selected[t.ordinal()] = row;
    }

    public boolean detail(Tab t) {
        return detail[t.ordinal()];
    }

    public void detail(Tab t, boolean open) {
        detail[t.ordinal()] = open;
        detailScroll = 0;
    }

    public int detailScroll() {
        return detailScroll;
    }

    public void detailScroll(int rows) {
        detailScroll = Math.max(0, rows);
    }

    public int paneScroll(Tab t, int pane) {
        return paneScroll[t.ordinal()][pane];
    }

    public void paneScroll(Tab t, int pane, int rows) {
        paneScroll[t.ordinal()][pane] = Math.max(0, rows);
    }

    public int paneFocus(Tab t) {
        return paneFocus[t.ordinal()];
    }

    public void paneFocus(Tab t, int pane) {
        paneFocus[t.ordinal()] = pane;
    }

    public boolean expanded(String transportId) {
        return expanded.contains(transportId);
    }

    public void expand(String transportId, boolean on) {
        if (on) expanded.add(transportId); else expanded.remove(transportId);
    }

    public void collapseAll() {
        expanded.clear();
    }

    public int perfSortColumn(int pane) {
        return perfSortColumn[pane];
    }

    public boolean perfSortDescending(int pane) {
        return perfSortDescending[pane];
    }

    public void perfSort(int pane, int column, boolean descending) {
        perfSortColumn[pane] = column;
        perfSortDescending[pane] = descending;
    }

    public GraphMode graphMode() {
        return graphMode;
    }

    public void graphMode(GraphMode m) {
        graphMode = m;
        graphSelector = 0;
        graphScroll = 0;
        byPeerSelected = 0;
        byPeerDetail = false;
    }

    public Window graphWindow() {
        return WINDOWS[graphWindow];
    }

    public int graphWindowIndex() {
        return graphWindow;
    }

    public void graphWindowIndex(int i) {
        graphWindow = Math.floorMod(i, WINDOWS.length);
    }

    public int graphSelector() {
        return graphSelector;
    }

    public void graphSelector(int i) {
        graphSelector = i;
    }

    public int graphScroll() {
        return graphScroll;
    }

    public void graphScroll(int rows) {
        graphScroll = Math.max(0, rows);
    }

    public int byPeerSelected() {
        return byPeerSelected;
    }

    public void byPeerSelected(int i) {
        byPeerSelected = Math.max(0, i);
    }

    public boolean byPeerDetail() {
        return byPeerDetail;
    }

    public void byPeerDetail(boolean on) {
        byPeerDetail = on;
    }

    public int byPeerSortColumn() {
        return byPeerSortColumn;
    }

    public boolean byPeerSortDescending() {
        return byPeerSortDescending;
    }

    public void byPeerSort(int column, boolean descending) {
        byPeerSortColumn = column;
        byPeerSortDescending = descending;
    }

    /** The npub of a disconnect awaiting Y/N, or null. */
    public String confirmNpub() {
        return confirmNpub;
    }

    public String confirmName() {
        return confirmName;
    }

    public void confirm(String npub, String name) {
        confirmNpub = npub;
        confirmName = name;
    }

    /** A transient message for the footer, or null when none is showing at {@code nowMs}. */
    public String message(long nowMs) {
        return message != null && nowMs < messageUntilMs ? message : null;
    }

    public void message(String text, long untilMs) {
        message = text;
        messageUntilMs = untilMs;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The terminal size the last frame was drawn for (the controller clamps scrolling with it). */
    public void size(int w, int h) {
        width = w;
        height = h;
    }
}
