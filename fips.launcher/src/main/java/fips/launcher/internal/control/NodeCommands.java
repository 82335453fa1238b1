package fips.launcher.internal.control;

import fips.fmp.link.PeerLink;
import fips.fmp.link.PeerSpec;
import fips.fmp.mesh.MeshCore;
import fips.fmp.wire.DisconnectReason;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.json.JNode;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The mutating commands {@code connect} and {@code disconnect}
 * (reference/control-socket.md "Mutating commands"; INTEROP.md 13). They
 * change the mesh core, so they run on the protocol thread.
 */
public final class NodeCommands {
    private NodeCommands() {}

    /** Transports whose addresses are IP endpoints: a FIPS mesh address (fd00::/8) is refused for them. */
    static final Set<String> IP_TRANSPORTS = Set.of("udp", "tcp", "ethernet");

    /**
     * {@code connect}: dials {@code params.npub} at {@code params.address} over
     * the transport {@code params.transport} names, without adding it to the
     * configuration (no auto-reconnect). Data:
     * {@code {"npub","address","transport","refreshed"}}.
     *
     * <p>{@code refreshed} is false in every case this build accepts: a new
     * dial, a dial already in flight, or a peer already up on this same
     * transport and address. Trying another address for a peer that is up (the
     * reference's alternate-path handshake) is not supported: that is an error
     * naming the path in use.
     *
     * @param transports the running transport {@code params.transport} names, or null if none
     */
    public static JNode connect(MeshCore core, JNode params, Function<String, Transport> transports, long nowMs)
            throws ControlError {
        JNode p = ControlProtocol.requireParams("connect", params);
        String npub = ControlProtocol.requireString(p, "npub");
        String address = ControlProtocol.requireString(p, "address");
        String transportName = ControlProtocol.requireString(p, "transport");
        PublicKey key = parseNpub(npub);
        if (key.nodeAddr().equals(core.identity().nodeAddr())) {
            throw new ControlError("cannot connect to this node's own npub");
        }
        Transport t = transports.apply(transportName);
        if (t == null) {
            throw new ControlError("transport '" + transportName + "' is not configured or not running");
        }
        if (IP_TRANSPORTS.contains(t.type()) && isMeshAddress(address)) {
            throw new ControlError("invalid address '" + address
                    + "': a FIPS mesh address (fd00::/8) cannot carry the " + t.type() + " transport");
        }
        TransportAddr to;
        try {
            to = t.parseAddress(address);
        } catch (IllegalArgumentException e) {
            throw new ControlError("invalid address '" + address + "': " + e.getMessage());
        }
        PeerLink up = core.link().peer(key.nodeAddr());
        if (up != null && !(up.transportName().equals(t.name()) && up.remoteAddress().equals(to.toString()))) {
            throw new ControlError("peer " + npub + " is already connected via " + up.transportName() + " "
                    + up.remoteAddress() + "; moving it to another address is not supported by this build");
        }
        if (up == null) {
            core.learnIdentity(key);
            try {
                core.connect(new PeerSpec(key, null, List.of(new PeerSpec.Address(t, to)), false, false), nowMs);
            } catch (IllegalArgumentException e) {
                throw new ControlError("cannot connect: " + e.getMessage());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("npub", npub);
        m.put("address", address);
        m.put("transport", transportName);
        m.put("refreshed", false);
        return NodeQueries.done(m);
    }

    /**
     * {@code disconnect}: sends Disconnect (configuration change) to
     * {@code params.npub} and removes the link. Data:
     * {@code {"npub","disconnected":true}}; {@code peer not found: <npub>} if
     * there is no link or dial to it.
     */
    public static JNode disconnect(MeshCore core, JNode params, long nowMs) throws ControlError {
        JNode p = ControlProtocol.requireParams("disconnect", params);
        String npub = ControlProtocol.requireString(p, "npub");
        NodeAddr a = parseNpub(npub).nodeAddr();
        if (!core.disconnect(a, DisconnectReason.CONFIGURATION_CHANGE, nowMs)) {
            throw new ControlError("peer not found: " + npub);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("npub", npub);
        m.put("disconnected", true);
        return NodeQueries.done(m);
    }

    /** INTEROP.md 13: {@code invalid npub '<x>': <why>}. */
    static PublicKey parseNpub(String npub) throws ControlError {
        try {
            return PublicKey.fromNpub(npub);
        } catch (IllegalArgumentException e) {
            throw new ControlError("invalid npub '" + npub + "': " + e.getMessage());
        }
    }

    /** True if {@code address} is an IPv6 literal ({@code [addr]:port} or bare) inside fd00::/8. */
    static boolean isMeshAddress(String address) {
        String host = address;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) return false;
            host = host.substring(1, end);
        } else if (host.indexOf(':') != host.lastIndexOf(':')) {
            // a bare IPv6 literal (more than one colon) without a port
        } else {
            return false; // IPv4, a host name, or host:port
        }
        int pct = host.indexOf('%');
        if (pct >= 0) host = host.substring(0, pct);
        if (!host.matches("[0-9A-Fa-f:.]+")) return false; // a literal only: never a name lookup
        try {
            byte[] b = InetAddress.getByName(host).getAddress();
            return b.length == 16 && (b[0] & 0xff) == 0xfd;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
