/**
 * {@code fipstop}, the live dashboard of a running daemon (reference/cli-fipstop.md).
 *
 * <p>Shape: a pure model and renderer, and a thin driver.
 * <ul>
 * <li>{@link fips.launcher.internal.top.TopSource} is how the dashboard asks the daemon (or the
 *     gateway) one control-socket query (reference/control-socket.md, INTEROP.md 13);
 *     {@link fips.launcher.internal.top.ControlClientSource} adapts the launcher's
 *     {@code ControlClient} to it; {@link fips.launcher.internal.top.TopSources} resolves the socket paths.
 * <li>{@link fips.launcher.internal.top.Snapshot} holds the last reply (or error) of every query;
 *     {@link fips.launcher.internal.top.ViewState} holds what the operator selected (tab, rows, panes,
 *     modes); {@link fips.launcher.internal.top.Tab} says which queries a tab needs in a given state.
 * <li>{@link fips.launcher.internal.top.Renderer} is a pure function (snapshot, state, width, height,
 *     time) to screen {@link fips.launcher.internal.top.Line}s; {@link fips.launcher.internal.top.Controller}
 *     applies one decoded {@link fips.launcher.internal.top.Key} to the state and answers an
 *     {@link fips.launcher.internal.top.Controller.Action}. Both are tested without a terminal.
 * <li>The driver: {@link fips.launcher.internal.top.TopApp} (threads: key reader, poller, the UI loop),
 *     {@link fips.launcher.internal.top.PosixTty} (raw mode and window size through FFM termios/ioctl,
 *     no helper process) and {@link fips.launcher.internal.top.AnsiScreen} (frames to ANSI, redrawing
 *     only changed lines).
 * </ul>
 *
 * <p>Every string that comes from the daemon passes {@link fips.launcher.internal.top.Fmt#clean} before it
 * reaches the terminal, so a peer's display name cannot carry escape sequences to the operator's terminal.
 */
package fips.launcher.internal.top;
