package fips.ipv6.adapter;

import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A hand-fed {@link Ipv6Sessions}: identities, MTUs and a record of every send. */
final class FakeSessions implements Ipv6Sessions {
    record Sent(long destHi, long destLo, int srcPort, int dstPort, byte[] payload, int off, int bufLength,
            long nowMs) {}

    int transportMtu = 1280;
    int sendResult = 0;
    boolean record = true;
    long sendCalls;
    final Map<String, NodeAddr> identities = new HashMap<>();
    final Map<NodeAddr, Integer> sessionPathMtu = new HashMap<>();
    final Map<String, Integer> destinationMtu = new HashMap<>();
    final List<Sent> sent = new ArrayList<>();

    /** Makes {@code n} known by the 15-byte prefix its FIPS address carries. */
    void know(NodeAddr n) {
        identities.put(prefix(n.fipsAddress().toBytes(), 0), n);
    }

    static String prefix(byte[] buf, int addrOff) {
        return fips.identity.Hex.encode(buf, addrOff + 1, 15);
    }

    @Override
    public int transportMtu() {
        return transportMtu;
    }

    @Override
    public boolean resolve(byte[] buf, int addrOff, long[] outHiLo) {
        if (!record) {
            outHiLo[0] = 0x0102030405060708L;
            outHiLo[1] = 0x1112131415161718L;
            return true;
        }
        NodeAddr n = identities.get(prefix(buf, addrOff));
        if (n == null) {
            return false;
        }
        outHiLo[0] = n.hi();
        outHiLo[1] = n.lo();
        return true;
    }

    @Override
    public int sessionPathMtu(long destHi, long destLo) {
        if (!record) {
            return 0;
        }
        return sessionPathMtu.getOrDefault(new NodeAddr(destHi, destLo), 0);
    }

    @Override
    public int destinationMtu(byte[] buf, int addrOff) {
        if (!record) {
            return 0;
        }
        return destinationMtu.getOrDefault(fips.identity.Hex.encode(buf, addrOff, 16), 0);
    }

    @Override
    public int send(long destHi, long destLo, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs) {
        sendCalls++;
        if (record) {
            sent.add(new Sent(destHi, destLo, srcPort, dstPort, Arrays.copyOfRange(buf, off, off + len), off,
                    buf.length, nowMs));
        }
        return sendResult;
    }
}
