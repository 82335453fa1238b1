package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fips.fmp.link.LinkEvent;
import fips.testkit.Capture;
import fips.testkit.SimNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small helpers shared by the mesh tests. */
final class MeshAssertions {
    private MeshAssertions() {}

    /** The receiver_idx / sender_idx field at bytes 4..8 of a packet (INTEROP.md 3.1, 3.2), LE. */
    static int idxAt4(byte[] p) {
        return (p[4] & 0xff) | (p[5] & 0xff) << 8 | (p[6] & 0xff) << 16 | (p[7] & 0xff) << 24;
    }

    /** msg1 resends in a capture of msg1 packets: every packet whose sender_idx was seen before. */
    static int msg1Resends(Capture msg1) {
        Set<Integer> seen = new HashSet<>();
        int resends = 0;
        for (Capture.Packet p : msg1.packets()) {
            if (!seen.add(idxAt4(p.bytes()))) resends++;
        }
        return resends;
    }

    /** The K bits of a node's Rekeyed events alternate 1, 0, 1, ... (INTEROP.md 3.3). */
    static void assertKAlternates(SimNode n) {
        List<LinkEvent.Rekeyed> r = n.events(LinkEvent.Rekeyed.class);
        for (int i = 0; i < r.size(); i++) {
            assertEquals((i + 1) & 1, r.get(i).keyEpoch(), n.name() + " rekey #" + (i + 1));
        }
    }
}
