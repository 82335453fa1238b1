package fips.bench;

import fips.fmp.tree.TreeConfig;
import fips.fmp.tree.TreeCore;
import fips.fmp.tree.TreeDrop;
import fips.fmp.wire.AncestryEntry;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.TreeAnnounce;
import fips.fmp.wire.TreeAnnounceCheck;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Receiving a stale TreeAnnounce: the periodic rebroadcast of a declaration
 * the receiver already holds (INTEROP.md 5.4), most of the announces a mesh
 * exchanges once converged.
 *
 * <ul>
 *   <li>{@code staleAnnounce}: {@link TreeCore#onAnnounce} as it is, freshness
 *       (INTEROP.md 5.1 step 5) checked before the signature (step 3), so the
 *       announce is dropped after decoding, without a verification.</li>
 *   <li>{@code staleAnnounceVerifiedFirst}: the same bytes through the checks
 *       in the reference's order (decode, sender, signature, semantics,
 *       freshness), the order {@code TreeCore} used before, reproduced here
 *       with the public codec so that both run side by side (STYLE.md rule 14).</li>
 * </ul>
 *
 * <p>The sender P sits at depth {@code depth} under a root with a smaller
 * NodeAddr, and is the receiver's parent. Seeded identities; every operation
 * drops the same announce.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TreeAnnounceBench -prof gc}.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TreeAnnounceBench extends BenchDefaults {
    static final long NOW_MS = 1_750_000_000_000L;
    static final long SEQUENCE = 5;

    /** P's depth: its ancestry has {@code depth + 1} entries. */
    @Param({"0", "4"})
    public int depth;

    private TreeCore core;
    private NodeAddr from;
    private PublicKey fromKey;
    private long storedSequence;
    private byte[] body;
    private long stalesBefore;
    private long ops;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(0x7EEL);
        List<Identity> ids = new ArrayList<>();
        for (int i = 0; i < depth + 2; i++) {
            ids.add(Identity.generate(r));
        }
        ids.sort(Comparator.comparing(Identity::nodeAddr));
        Identity self = ids.get(depth + 1); // the largest: takes P as parent
        Identity p = ids.get(depth);
        long ts = NOW_MS / 1000;
        List<AncestryEntry> ancestry = new ArrayList<>();
        for (int i = depth; i >= 0; i--) { // P first, the smallest (the root) last
            ancestry.add(new AncestryEntry(ids.get(i).nodeAddr(), SEQUENCE, ts));
        }
        NodeAddr parent = depth == 0 ? p.nodeAddr() : ids.get(depth - 1).nodeAddr();
        TreeAnnounce a = TreeAnnounce.signed(p.secret(), SEQUENCE, ts, parent, ancestry, new byte[32]);
        byte[] frame = a.encode();
        body = Arrays.copyOfRange(frame, 1, frame.length);
        from = p.nodeAddr();
        fromKey = p.publicKey();
        storedSequence = SEQUENCE;

        core = new TreeCore(self, TreeConfig.defaults().withReevalIntervalMs(0), new Random(1), NOW_MS);
        core.onPeerUp(from, fromKey, NOW_MS);
        core.onAnnounce(from, body, 0, body.length, NOW_MS); // accepted: P is now the parent
        if (core.stats().accepted() != 1 || !from.equals(core.parent())) {
            throw new IllegalStateException("setup: announce not accepted, stats=" + core.stats());
        }
        stalesBefore = core.drops(TreeDrop.STALE);
    }

    @TearDown(Level.Trial)
    public void check() {
        long stales = core.drops(TreeDrop.STALE) - stalesBefore;
        if (stales != ops) {
            throw new IllegalStateException("stale drops=" + stales + ", expected ops=" + ops);
        }
    }

    @Benchmark
    public Object staleAnnounce() {
        ops++;
        return core.onAnnounce(from, body, 0, body.length, NOW_MS);
    }

    /** The old order's work on a stale announce; true if it would have been accepted. */
    @Benchmark
    public boolean staleAnnounceVerifiedFirst() throws DecodeException {
        byte[] msg = new byte[body.length + 1];
        msg[0] = (byte) LinkMsgType.TREE_ANNOUNCE;
        System.arraycopy(body, 0, msg, 1, body.length);
        TreeAnnounce a = TreeAnnounce.decode(msg, 0, msg.length);
        if (!a.nodeAddr().equals(from) || !a.verify(fromKey)) {
            return false;
        }
        if (a.validateSemantics() != TreeAnnounceCheck.OK) {
            return false;
        }
        return Long.compareUnsigned(a.sequence(), storedSequence) > 0;
    }
}
