package fips.link.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.FmpStreamFramer.Result;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** INTEROP.md section 12 (TCP row): stream framing by the FMP common prefix. */
class FmpStreamFramerTest {
    private static final int MTU = 1400;

    /** Collects copies of the frames, and the arrays they were handed out in. */
    private static final class Collector implements FmpStreamFramer.FrameSink {
        final List<byte[]> frames = new ArrayList<>();
        final List<byte[]> sources = new ArrayList<>();

        @Override
        public void onFrame(byte[] buf, int off, int len) {
            frames.add(Arrays.copyOfRange(buf, off, off + len));
            sources.add(buf);
        }
    }

    private static byte[] frame(int byte0, int flags, int payloadLen, int totalLen, int seed) {
        byte[] f = new byte[totalLen];
        new SplittableRandom(seed).nextBytes(f);
        f[0] = (byte) byte0;
        f[1] = (byte) flags;
        f[2] = (byte) payloadLen;
        f[3] = (byte) (payloadLen >>> 8);
        return f;
    }

    static byte[] msg1(int seed) {
        return frame(0x01, 0, 110, 114, seed);
    }

    static byte[] msg2(int seed) {
        return frame(0x02, 0, 65, 69, seed);
    }

    static byte[] established(int payloadLen, int seed) {
        return frame(0x00, 0x05, payloadLen, payloadLen + 32, seed);
    }

    private static final List<byte[]> FRAMES = List.of(
            msg1(1), msg2(2), established(0, 3), established(1, 4), established(200, 5),
            established(MTU - 32, 6), msg1(7), established(256, 8));

    private static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static void assertFrames(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }

    @Test
    @DisplayName("frame lengths: msg1 114, msg2 69, established payload_len + 32")
    void frameSizes() {
        assertEquals(114, FmpStreamFramer.MSG1_BYTES);
        assertEquals(69, FmpStreamFramer.MSG2_BYTES);
        assertEquals(32, FmpStreamFramer.ESTABLISHED_OVERHEAD_BYTES);
        for (byte[] f : FRAMES) {
            Collector c = new Collector();
            FmpStreamFramer framer = new FmpStreamFramer(MTU, c);
            assertEquals(Result.OK, framer.feed(f, 0, f.length));
            assertFrames(List.of(f), c.frames);
            assertEquals(0, framer.buffered());
        }
    }

    @Test
    @DisplayName("several frames in one chunk come out in order, straight from the caller's array")
    void manyFramesOneChunk() {
        byte[] stream = concat(FRAMES);
        byte[] chunk = new byte[stream.length + 10];
        System.arraycopy(stream, 0, chunk, 7, stream.length);
        Collector c = new Collector();
        FmpStreamFramer framer = new FmpStreamFramer(MTU, c);
        assertEquals(Result.OK, framer.feed(chunk, 7, stream.length));
        assertFrames(FRAMES, c.frames);
        for (byte[] src : c.sources) {
            assertSame(chunk, src, "a frame whole in the chunk is not copied");
        }
        assertEquals(0, framer.buffered());
    }

    @Test
    @DisplayName("two chunks split at every byte offset of the stream")
    void everySplitPoint() {
        byte[] stream = concat(FRAMES);
        for (int split = 0; split <= stream.length; split++) {
            Collector c = new Collector();
            FmpStreamFramer framer = new FmpStreamFramer(MTU, c);
            assertEquals(Result.OK, framer.feed(stream, 0, split), "split=" + split);
            assertEquals(Result.OK, framer.feed(stream, split, stream.length - split), "split=" + split);
            assertFrames(FRAMES, c.frames);
            assertEquals(0, framer.buffered(), "split=" + split);
        }
    }

    @Test
    @DisplayName("three chunks split at every pair of offsets within the first frames")
    void everyPairOfSplitPoints() {
        List<byte[]> frames = List.of(msg2(1), established(3, 2), msg1(3));
        byte[] stream = concat(frames);
        for (int a = 0; a <= stream.length; a++) {
            for (int b = a; b <= stream.length; b++) {
                Collector c = new Collector();
                FmpStreamFramer framer = new FmpStreamFramer(MTU, c);
                assertEquals(Result.OK, framer.feed(stream, 0, a));
                assertEquals(Result.OK, framer.feed(stream, a, b - a));
                assertEquals(Result.OK, framer.feed(stream, b, stream.length - b));
                assertFrames(frames, c.frames);
            }
        }
    }

    @Test
    @DisplayName("byte-at-a-time and random chunking; partial frames are held, bounded by the max frame")
    void byteAtATimeAndRandom() {
        byte[] stream = concat(FRAMES);
        Collector c = new Collector();
        FmpStreamFramer framer = new FmpStreamFramer(MTU, c);
        int maxBuffered = 0;
        for (int i = 0; i < stream.length; i++) {
            assertEquals(Result.OK, framer.feed(stream, i, 1));
            maxBuffered = Math.max(maxBuffered, framer.buffered());
        }
        assertFrames(FRAMES, c.frames);
        assertEquals(MTU - 1, maxBuffered, "never more than one frame held");
        assertEquals(MTU, framer.maxFrameBytes());

        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            Collector rc = new Collector();
            FmpStreamFramer rf = new FmpStreamFramer(MTU, rc);
            int pos = 0;
            while (pos < stream.length) {
                int n = Math.min(stream.length - pos, random.nextInt(0, 3000));
                assertEquals(Result.OK, rf.feed(stream, pos, n));
                pos += n;
            }
            assertFrames(FRAMES, rc.frames);
        }
    }

    @Test
    @DisplayName("an empty chunk is harmless; buffered() reports a stream that stopped mid-frame")
    void emptyAndTruncated() {
        Collector c = new Collector();
        FmpStreamFramer framer = new FmpStreamFramer(MTU, c);
        assertEquals(Result.OK, framer.feed(new byte[0], 0, 0));
        byte[] m = msg1(9);
        assertEquals(Result.OK, framer.feed(m, 0, 50));
        assertEquals(50, framer.buffered());
        assertTrue(c.frames.isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> framer.feed(m, 100, 20));
    }

    private static Result feedAll(FmpStreamFramer framer, byte[] stream, int chunk) {
        Result r = Result.OK;
        for (int pos = 0; pos < stream.length && !r.isFatal(); pos += chunk) {
            r = framer.feed(stream, pos, Math.min(chunk, stream.length - pos));
        }
        return r;
    }

    private static void assertFatal(Result expected, byte[] bad, String detailPart) {
        for (int chunk : new int[] {1, 2, 3, 5, 1000}) {
            byte[] stream = concat(List.of(msg1(1), established(10, 2), bad, msg2(3)));
            Collector c = new Collector();
            FmpStreamFramer framer = new FmpStreamFramer(MTU, c);
            assertEquals(expected, feedAll(framer, stream, chunk), "chunk=" + chunk);
            assertTrue(expected.isFatal());
            assertEquals(2, c.frames.size(), "frames before the bad prefix are delivered, none after");
            assertEquals(expected, framer.failure());
            assertTrue(framer.failureDetail().contains(detailPart), framer.failureDetail());
            assertEquals(expected, framer.feed(msg2(4), 0, 69), "failure is sticky");
            assertEquals(2, c.frames.size());
            framer.reset();
            assertEquals(Result.OK, framer.feed(msg2(4), 0, 69));
            assertEquals(3, c.frames.size());
        }
    }

    @Test
    @DisplayName("fatal: version other than 0 (a TLS ClientHello byte 0x16 is version 1)")
    void unknownVersion() {
        assertFatal(Result.UNKNOWN_VERSION, frame(0x16, 3, 1, 40, 1), "version=1 phase=6");
        assertFatal(Result.UNKNOWN_VERSION, frame(0x10, 0, 10, 42, 1), "version=1 phase=0");
        assertFatal(Result.UNKNOWN_VERSION, frame(0xf1, 0, 110, 114, 1), "version=15");
    }

    @Test
    @DisplayName("fatal: phase other than 0, 1, 2")
    void unknownPhase() {
        assertFatal(Result.UNKNOWN_PHASE, frame(0x03, 0, 81, 85, 1), "phase=3");
        assertFatal(Result.UNKNOWN_PHASE, frame(0x0f, 0, 0, 4, 1), "phase=15");
    }

    @Test
    @DisplayName("fatal: handshake payload_len other than 110 (msg1) or 65 (msg2)")
    void handshakeLength() {
        assertFatal(Result.HANDSHAKE_LENGTH_MISMATCH, frame(0x01, 0, 109, 113, 1), "payload_len=109 (expected 110)");
        assertFatal(Result.HANDSHAKE_LENGTH_MISMATCH, frame(0x01, 0, 111, 115, 1), "payload_len=111");
        assertFatal(Result.HANDSHAKE_LENGTH_MISMATCH, frame(0x02, 0, 66, 70, 1), "payload_len=66 (expected 65)");
        assertFatal(Result.HANDSHAKE_LENGTH_MISMATCH, frame(0x02, 0, 0, 4, 1), "phase=2");
    }

    @Test
    @DisplayName("fatal: established payload_len above mtu - 32; mtu - 32 itself is fine")
    void payloadTooLarge() {
        assertFatal(Result.PAYLOAD_TOO_LARGE, established(MTU - 31, 1), "payload_len=1369 (max 1368 for mtu=1400)");
        assertFatal(Result.PAYLOAD_TOO_LARGE, frame(0x00, 0, 65535, 100, 1), "payload_len=65535");
        Collector c = new Collector();
        byte[] max = established(MTU - 32, 1);
        assertEquals(MTU, max.length);
        assertEquals(Result.OK, new FmpStreamFramer(MTU, c).feed(max, 0, max.length));
        assertFrames(List.of(max), c.frames);
    }

    @Test
    @DisplayName("an MTU below a msg1 still frames handshakes; memory is max(mtu, 114)")
    void smallMtu() {
        Collector c = new Collector();
        FmpStreamFramer framer = new FmpStreamFramer(100, c);
        assertEquals(114, framer.maxFrameBytes());
        byte[] stream = concat(List.of(msg1(1), established(68, 2), msg2(3)));
        assertEquals(Result.OK, feedAll(framer, stream, 7));
        assertEquals(3, c.frames.size());
        assertEquals(Result.PAYLOAD_TOO_LARGE, framer.feed(established(69, 4), 0, 101));

        FmpStreamFramer tiny = new FmpStreamFramer(20, new Collector());
        assertEquals(Result.PAYLOAD_TOO_LARGE, tiny.feed(established(1, 1), 0, 33), "mtu below 32 leaves no payload");
        assertFalse(new FmpStreamFramer(20, new Collector()).feed(established(0, 1), 0, 32).isFatal(),
                "payload_len 0 is allowed when mtu - 32 saturates at 0");
    }

    @Test
    @DisplayName("local misuse is an IllegalArgumentException naming the value")
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FmpStreamFramer(0, new Collector()));
        assertEquals("mtu=0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FmpStreamFramer(65536, new Collector()));
        assertThrows(IllegalArgumentException.class, () -> new FmpStreamFramer(1400, null));
    }
}
