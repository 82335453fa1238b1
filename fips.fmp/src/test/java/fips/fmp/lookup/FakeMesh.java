package fips.fmp.lookup;

import fips.fmp.bloom.BloomKey;
import fips.fmp.bloom.BloomView;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-set peers, link MTUs and what each peer's filter contains, for LookupCore tests. */
final class FakeMesh implements BloomView, LookupLinks {
    private final Map<NodeAddr, Integer> mtu = new LinkedHashMap<>();
    private final Map<NodeAddr, Set<BloomKey>> reach = new HashMap<>();

    FakeMesh link(NodeAddr peer, int mtuBytes) {
        mtu.put(peer, mtuBytes);
        return this;
    }

    FakeMesh unlink(NodeAddr peer) {
        mtu.remove(peer);
        reach.remove(peer);
        return this;
    }

    /** {@code peer}'s filter contains {@code targets}. */
    FakeMesh reaches(NodeAddr peer, NodeAddr... targets) {
        Set<BloomKey> s = reach.computeIfAbsent(peer, k -> new HashSet<>());
        for (NodeAddr t : targets) s.add(BloomKey.of(t));
        return this;
    }

    FakeMesh clearFilter(NodeAddr peer) {
        reach.remove(peer);
        return this;
    }

    @Override
    public boolean peerMayReach(NodeAddr peer, BloomKey key) {
        return mtu.containsKey(peer) && reach.getOrDefault(peer, Set.of()).contains(key);
    }

    @Override
    public List<NodeAddr> peers() {
        return new ArrayList<>(mtu.keySet());
    }

    @Override
    public int linkMtuBytes(NodeAddr peer) {
        return mtu.getOrDefault(peer, 0);
    }
}
