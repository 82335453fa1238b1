package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.Drop;
import fips.fmp.link.LinkEvent;
import fips.fmp.wire.EstablishedFrame;
import fips.fmp.wire.FmpConstants;
import fips.testkit.Capture;
import fips.testkit.PacketKind;
import fips.testkit.SimNode;
import fips.testkit.SimWire;
import fips.testkit.Simulation;
import fips.testkit.Traffic;
import fips.testkit.WireTap;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Replayed, tampered, misaddressed and malformed datagrams injected into a
 * busy link: each is dropped and counted under its {@link Drop} reason, and
 * none disturbs the link (INTEROP.md 3.1, 3.2, 3.4).
 */
class HostileInputMeshTest {
    private Simulation sim;
    private SimNode a;
    private SimNode b;
    private Capture dataAb;
    private Traffic ab;
    private Traffic ba;
    private final Map<Drop, Long> before = new EnumMap<>(Drop.class);

    private void busyLink() {
        sim = Simulation.builder(0xbad_0001L).nodes(2).edge(0, 1).dial(0, 1).build();
        a = sim.node(0);
        b = sim.node(1);
        dataAb = Capture.of(a, b, PacketKind.DATA);
        sim.network().addTap(dataAb);
        assertTrue(sim.runUntil(() -> a.isLinkedTo(b), 1_000));
        ab = Traffic.start(sim, a, b, 100);
        ba = Traffic.start(sim, b, a, 100);
        sim.runFor(5_000);
        for (Drop d : Drop.values()) before.put(d, b.drops(d));
    }

    /** Injects {@code bytes} into b as if from a, runs 1 ms, and checks that exactly {@code expected} went up by one. */
    private void injectExpect(byte[] bytes, Drop expected) {
        sim.inject(a, b, bytes);
        sim.runFor(1);
        for (Drop d : Drop.values()) {
            long want = before.get(d) + (d == expected ? 1 : 0);
            assertEquals(want, b.drops(d), d + " after injecting for " + expected);
        }
        before.put(expected, before.get(expected) + 1);
    }

    private void assertLinkUndisturbed() {
        sim.runFor(5_000);
        ab.stop();
        ba.stop();
        sim.runFor(1_000);
        assertEquals(ab.sent(), ab.received(), ab.toString());
        assertEquals(ba.sent(), ba.received(), ba.toString());
        assertEquals(0, ab.duplicates());
        for (SimNode n : new SimNode[] {a, b}) {
            assertEquals(1, n.events(LinkEvent.Up.class).size(), n.name());
            assertTrue(n.events(LinkEvent.Down.class).isEmpty(), n.name());
        }
    }

    @Test
    @DisplayName("INTEROP.md 3.4: a replayed frame is dropped as REPLAY; the link carries on")
    void replay() {
        busyLink();
        byte[] old = dataAb.packets().get(10).copy();
        injectExpect(old, Drop.REPLAY);
        injectExpect(dataAb.packets().get(dataAb.size() - 10).copy(), Drop.REPLAY); // 1 s old, long delivered
        assertLinkUndisturbed();
    }

    @Test
    @DisplayName("INTEROP.md 3.2/3.4: tampered frames (header as AAD, ciphertext, tag) are dropped as BAD_MAC and do not burn the counter; the link carries on")
    void tamper() {
        busyLink();
        // A header bit: the counter jumps ahead, passes the window, fails the AEAD (AAD and nonce).
        byte[] counterFlip = dataAb.packets().get(10).copy();
        counterFlip[EstablishedFrame.COUNTER_OFFSET + 5] ^= 0x01;
        injectExpect(counterFlip, Drop.BAD_MAC);
        // The K flag is part of the AAD too.
        byte[] kFlip = dataAb.packets().get(11).copy();
        kFlip[FmpConstants.FLAGS_OFFSET] ^= FmpConstants.FLAG_K;
        // (a replayed counter is refused before the AEAD, so this one counts as a replay)
        injectExpect(kFlip, Drop.REPLAY);

        // In flight: the next frame a sends is raced by a copy with one ciphertext bit flipped,
        // which arrives first. It must fail without marking the counter, so the genuine frame,
        // arriving 10 ms later, is still accepted (INTEROP.md 3.4: marked only after the AEAD).
        WireTap racer = new WireTap() {
            boolean done;

            @Override
            public void onSend(long nowMs, SimWire.Direction d, PacketKind kind, byte[] buf, int off, int len) {
                if (done || d.from() != a || kind != PacketKind.DATA) return;
                done = true;
                byte[] forged = Arrays.copyOfRange(buf, off, off + len);
                forged[EstablishedFrame.CIPHERTEXT_OFFSET] ^= (byte) 0x80;
                sim.inject(a, b, forged);
                byte[] badTag = Arrays.copyOfRange(buf, off, off + len);
                badTag[len - 1] ^= 0x01;
                sim.inject(a, b, badTag);
            }
        };
        sim.network().addTap(racer);
        long receivedBefore = ab.received();
        long badMacBefore = b.drops(Drop.BAD_MAC);
        sim.runFor(100);
        assertEquals(badMacBefore + 2, b.drops(Drop.BAD_MAC));
        assertEquals(receivedBefore + 1, ab.received(), "the genuine frame still arrives");
        assertLinkUndisturbed();
    }

    @Test
    @DisplayName("INTEROP.md 3.2: a frame to an index b does not hold is dropped as UNKNOWN_INDEX before any crypto; the link carries on")
    void unknownIndex() {
        busyLink();
        byte[] f = dataAb.last().copy();
        for (int i = 0; i < 4; i++) f[EstablishedFrame.RECEIVER_IDX_OFFSET + i] = (byte) (f[EstablishedFrame.RECEIVER_IDX_OFFSET + i] ^ 0xA5);
        injectExpect(f, Drop.UNKNOWN_INDEX);
        assertLinkUndisturbed();
    }

    @Test
    @DisplayName("INTEROP.md 3.1: garbage fails the common-prefix check and is counted by reason; the link carries on")
    void garbage() {
        busyLink();
        injectExpect(new byte[] {0, 0, 0}, Drop.TOO_SHORT);
        injectExpect(new byte[31], Drop.TOO_SHORT); // phase 0 below the 32-byte minimum
        byte[] v = new byte[40];
        v[0] = 0x10; // version 1
        injectExpect(v, Drop.BAD_VERSION);
        byte[] ph = new byte[40];
        ph[0] = 0x03; // phase 3
        injectExpect(ph, Drop.BAD_PHASE);
        byte[] len = new byte[40]; // phase 0, payload_len 0 but 8 bytes of plaintext
        injectExpect(len, Drop.BAD_LENGTH);
        byte[] m1 = new byte[100]; // msg1 with the right payload_len in a 100-byte datagram
        m1[0] = FmpConstants.PHASE_MSG1;
        m1[2] = (byte) FmpConstants.MSG1_PAYLOAD_LEN;
        injectExpect(m1, Drop.BAD_HANDSHAKE_FRAMING);
        byte[] m2 = new byte[FmpConstants.MSG2_PACKET_BYTES]; // msg2 with flags set
        m2[0] = FmpConstants.PHASE_MSG2;
        m2[1] = 1;
        m2[2] = (byte) FmpConstants.MSG2_PAYLOAD_LEN;
        injectExpect(m2, Drop.BAD_HANDSHAKE_FRAMING);
        byte[] strayMsg2 = new byte[FmpConstants.MSG2_PACKET_BYTES]; // well-formed, answers nothing
        strayMsg2[0] = FmpConstants.PHASE_MSG2;
        strayMsg2[2] = (byte) FmpConstants.MSG2_PAYLOAD_LEN;
        injectExpect(strayMsg2, Drop.UNEXPECTED_MSG2);
        byte[] junkMsg1 = new byte[FmpConstants.MSG1_PACKET_BYTES]; // well-formed, fails the Noise read
        junkMsg1[0] = FmpConstants.PHASE_MSG1;
        junkMsg1[2] = (byte) FmpConstants.MSG1_PAYLOAD_LEN;
        injectExpect(junkMsg1, Drop.BAD_HANDSHAKE);
        assertEquals(9, sim.network().injected());
        assertLinkUndisturbed();
    }
}
