/**
 * The daemon's control socket (reference/control-socket.md; INTEROP.md 13):
 * line-delimited JSON over a Unix domain socket, one request per connection.
 *
 * <ul>
 *   <li>{@link fips.launcher.internal.control.ControlServer}: the listener, on
 *       its own threads, with the size and time bounds; dispatches to a
 *       {@link fips.launcher.internal.control.ControlHandler}.</li>
 *   <li>{@link fips.launcher.internal.control.ControlClient}: the client
 *       {@code fipsctl} and {@code fipstop} use.</li>
 *   <li>{@link fips.launcher.internal.control.ControlProtocol}: the request
 *       and reply framing both sides share.</li>
 *   <li>{@link fips.launcher.internal.control.SocketPaths}: where the socket
 *       lives when the configuration does not say.</li>
 *   <li>{@link fips.launcher.internal.control.NodeQueries}: the {@code show_*}
 *       replies, rendered from the mesh core on the protocol thread, and
 *       {@link fips.launcher.internal.control.NodeCommands}: {@code connect}
 *       and {@code disconnect}.</li>
 *   <li>{@link fips.launcher.internal.control.NodeControl}: a handler that runs
 *       those on the protocol thread and waits for them with a bound.</li>
 * </ul>
 */
package fips.launcher.internal.control;
