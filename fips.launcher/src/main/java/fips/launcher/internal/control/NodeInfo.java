package fips.launcher.internal.control;

import fips.identity.NodeAddr;
import java.util.List;
import java.util.Map;

/**
 * What the control replies say about the node that the mesh core does not
 * know: process facts, configuration bits and the transports. Immutable; made
 * once at start-up (the transports' counters are read live through
 * {@link TransportInfo#stats}).
 *
 * @param version the daemon's version string
 * @param startMs the protocol clock's time when the node started (the {@code nowMs} timebase)
 * @param clockOffsetMs added to a protocol-clock time gives Unix time in ms
 * @param persistent the identity is persisted ({@code node.identity.persistent} or a configured nsec)
 * @param leafOnly {@code node.leaf_only}
 * @param tunState {@code disabled}, {@code active}, ...
 * @param tunName the TUN interface name
 * @param effectiveIpv6Mtu the IPv6 MTU the TUN enforces (INTEROP.md 9: transport MTU − 77)
 * @param controlSocket the control socket path
 * @param pid this process
 * @param exePath this process's executable
 * @param transports the running transports, in configuration order; a transport's
 *     {@code transport_id} is its index here plus one
 * @param aliases display names of nodes (configured peer aliases, hosts file)
 */
public record NodeInfo(String version, long startMs, long clockOffsetMs, boolean persistent, boolean leafOnly,
                       String tunState, String tunName, int effectiveIpv6Mtu, String controlSocket, long pid,
                       String exePath, List<TransportInfo> transports, Map<NodeAddr, String> aliases) {
    /** INTEROP.md 9 "effective IPv6 MTU": transport MTU minus this. */
    public static final int IPV6_OVERHEAD_BYTES = 77;
    /** The UDP transport's default MTU (reference/configuration.md transports.udp.mtu). */
    static final int DEFAULT_TRANSPORT_MTU = 1280;

    public NodeInfo {
        if (version == null || tunState == null || tunName == null || controlSocket == null || exePath == null) {
            throw new IllegalArgumentException("version=" + version + " tunState=" + tunState + " tunName=" + tunName
                    + " controlSocket=" + controlSocket + " exePath=" + exePath);
        }
        transports = List.copyOf(transports);
        aliases = Map.copyOf(aliases);
    }

    /**
     * This process, TUN disabled, no aliases, not persistent, not leaf-only;
     * the effective IPv6 MTU from the smallest transport MTU.
     */
    public static NodeInfo of(String version, long startMs, long clockOffsetMs, String controlSocket,
                              List<TransportInfo> transports) {
        int mtu = DEFAULT_TRANSPORT_MTU;
        if (!transports.isEmpty()) {
            mtu = Integer.MAX_VALUE;
            for (TransportInfo t : transports) mtu = Math.min(mtu, t.mtuBytes());
        }
        ProcessHandle self = ProcessHandle.current();
        return new NodeInfo(version, startMs, clockOffsetMs, false, false, "disabled", "fips0",
                mtu - IPV6_OVERHEAD_BYTES, controlSocket, self.pid(), self.info().command().orElse(""), transports, Map.of());
    }

    public NodeInfo withIdentityFlags(boolean persistentIdentity, boolean leafOnlyNode) {
        return new NodeInfo(version, startMs, clockOffsetMs, persistentIdentity, leafOnlyNode, tunState, tunName,
                effectiveIpv6Mtu, controlSocket, pid, exePath, transports, aliases);
    }

    public NodeInfo withTun(String state, String name, int ipv6Mtu) {
        return new NodeInfo(version, startMs, clockOffsetMs, persistent, leafOnly, state, name, ipv6Mtu,
                controlSocket, pid, exePath, transports, aliases);
    }

    public NodeInfo withAliases(Map<NodeAddr, String> names) {
        return new NodeInfo(version, startMs, clockOffsetMs, persistent, leafOnly, tunState, tunName,
                effectiveIpv6Mtu, controlSocket, pid, exePath, transports, names);
    }

    /** The transport named {@code name} (a link's transport), or null. */
    public TransportInfo transport(String name) {
        for (TransportInfo t : transports) {
            if (t.name().equals(name)) return t;
        }
        return null;
    }

    /** 1-based position of the transport named {@code name}, or 0. */
    public int transportId(String name) {
        for (int i = 0; i < transports.size(); i++) {
            if (transports.get(i).name().equals(name)) return i + 1;
        }
        return 0;
    }
}
