package fips.launcher.internal.control;

import fips.link.spi.Transport;
import fips.link.spi.TransportStats;
import java.util.function.Supplier;

/**
 * One running transport as {@code show_transports} and {@code show_status}
 * report it (reference/control-socket.md "Read-only queries").
 *
 * @param name the instance name ({@link Transport#name()}), what links name as their transport
 * @param type the transport type, e.g. {@code udp}
 * @param mtuBytes the transport-wide MTU
 * @param localAddr the local address for operators
 * @param stats a fresh snapshot of the transport's counters on each call
 */
public record TransportInfo(String name, String type, int mtuBytes, String localAddr, Supplier<TransportStats> stats) {
    public TransportInfo {
        if (name == null || type == null || localAddr == null || stats == null) {
            throw new IllegalArgumentException("name=" + name + " type=" + type + " localAddr=" + localAddr
                    + " stats=" + stats);
        }
    }

    public static TransportInfo of(Transport t) {
        return new TransportInfo(t.name(), t.type(), t.mtu(), t.localAddress(), t::stats);
    }
}
