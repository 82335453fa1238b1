/**
 * The IPv6 adapter: how IPv6 packets from the TUN device travel as FSP
 * DataPackets on port 256.
 *
 * <p>{@code fips.ipv6.shim} holds the format-0x00 header compression and the
 * adapter's MTU constants; {@code fips.ipv6.packet} the allocation-free
 * ICMPv6 error builders, Packet Too Big rate limiter and TCP MSS clamp;
 * {@code fips.ipv6.adapter} the sans-IO adapter core between the TUN and the
 * session layer; {@code fips.ipv6.dns} the {@code .fips} DNS responder, its
 * UDP driver and the hosts file. The TUN device and its native access come
 * later, in other packages.
 *
 * <p>Spec: INTEROP.md section 9; reference/wire-formats.md
 * "IPv6 Shim Payload Format (Port 256)"; design/fips-ipv6-adapter.md.
 */
@SuppressWarnings("module") // the name fips.ipv6 ends in a digit; it is the name the project uses
module fips.ipv6 {
    requires transitive fips.fsp;

    exports fips.ipv6.shim;
    exports fips.ipv6.packet;
    exports fips.ipv6.adapter;
    exports fips.ipv6.dns;
}
