/**
 * Linux system calls through the FFM API (STYLE.md rule 10).
 *
 * <ul>
 *   <li>{@code Native}: the linker, the libc lookup and errno capture
 *       (call-state buffers).</li>
 *   <li>{@code Syscalls}: constants, struct layouts ({@code sockaddr_in},
 *       {@code sockaddr_in6}, {@code iovec}, {@code msghdr}, {@code mmsghdr},
 *       {@code pollfd}), the {@code static final} method handles and their
 *       raw, allocation-free wrappers; the availability probe.</li>
 *   <li>{@code Sockets}: checked helpers for the control path (open, bind,
 *       options, local address, shutdown, close).</li>
 *   <li>{@code Sockaddr}: reading, writing and formatting socket addresses.</li>
 *   <li>{@code Errno}: errno values and names; {@code NativeException}: the
 *       one failure type, carrying call, errno and strerror text.</li>
 *   <li>{@code TunDevice}: a TUN device for IPv6 packets, read and written
 *       without allocating, with a prompt wakeup for its reader thread.</li>
 *   <li>{@code Rtnetlink}: link, address, route and policy-rule
 *       configuration and read-back over a {@code NETLINK_ROUTE} socket;
 *       {@code NetlinkCodec} (package-private) builds its requests and
 *       parses the replies in plain Java.</li>
 * </ul>
 *
 * <p>Later additions (AF_PACKET) belong here too, each with its constants
 * commented and its own availability.
 */
package fips.sys;
