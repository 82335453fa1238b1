package fips.testkit;

/**
 * The medium between two simulated transports: two independent
 * {@link Direction}s, each with its own {@link NetConditions}, cut state and
 * {@link WireStats}. Created by {@link SimNetwork#connect}; never removed,
 * only cut and healed.
 */
public final class SimWire {
    /** One direction of the wire: packets from {@link #from()} to {@link #to()}. */
    public final class Direction {
        private final SimNode from;
        private final SimNode to;
        private NetConditions conditions;
        private boolean cut;
        private final WireStats stats = new WireStats();

        Direction(SimNode from, SimNode to, NetConditions conditions) {
            this.from = from;
            this.to = to;
            this.conditions = conditions;
        }

        public SimNode from() {
            return from;
        }

        public SimNode to() {
            return to;
        }

        public SimWire wire() {
            return SimWire.this;
        }

        public NetConditions conditions() {
            return conditions;
        }

        /** Applies to packets sent from now on; packets in flight keep their delivery time. */
        public void setConditions(NetConditions c) {
            if (c == null) throw new IllegalArgumentException("conditions must not be null");
            this.conditions = c;
        }

        public boolean isCut() {
            return cut;
        }

        /** Drops every packet sent from now on ({@link WireStats.Count#CUT}); packets in flight still arrive. */
        public void cut() {
            cut = true;
        }

        public void heal() {
            cut = false;
        }

        /** Live counters (they keep changing; {@link WireStats#snapshot()} freezes them). */
        public WireStats stats() {
            return stats;
        }

        @Override
        public String toString() {
            return from.name() + "->" + to.name();
        }
    }

    private final Direction ab;
    private final Direction ba;

    SimWire(SimNode a, SimNode b, NetConditions conditions) {
        this.ab = new Direction(a, b, conditions);
        this.ba = new Direction(b, a, conditions);
    }

    public SimNode a() {
        return ab.from;
    }

    public SimNode b() {
        return ab.to;
    }

    /** The direction that carries packets sent by {@code from}. */
    public Direction from(SimNode from) {
        if (from == ab.from) return ab;
        if (from == ba.from) return ba;
        throw new IllegalArgumentException("node=" + from.name() + " is not an end of wire " + this);
    }

    /** Both directions. */
    public void setConditions(NetConditions c) {
        ab.setConditions(c);
        ba.setConditions(c);
    }

    /** Cuts both directions. */
    public void cut() {
        ab.cut();
        ba.cut();
    }

    /** Heals both directions. */
    public void heal() {
        ab.heal();
        ba.heal();
    }

    public boolean isCut() {
        return ab.cut && ba.cut;
    }

    /** The sum of both directions' counters (a snapshot). */
    public WireStats stats() {
        return ab.stats.snapshot().plus(ba.stats);
    }

    @Override
    public String toString() {
        return ab.from.name() + "<->" + ab.to.name();
    }
}
