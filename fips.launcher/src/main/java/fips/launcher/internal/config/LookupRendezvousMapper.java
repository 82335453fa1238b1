package fips.launcher.internal.config;

import static fips.launcher.internal.config.MapperSupport.U32_MAX;
import static fips.launcher.internal.config.MapperSupport.warnNotBuilt;

import fips.fmp.lookup.LookupConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps {@code node.lookup.*} and {@code node.rendezvous.*} (INTEROP.md 7,
 * 14 [D10]; reference/configuration.md "Discovery Protocol", "Nostr Overlay
 * Discovery", "LAN Discovery"), each also read from its deprecated spelling
 * under {@code node.discovery.*}. Called by {@link NodeSectionMapper}.
 */
final class LookupRendezvousMapper {
    private LookupRendezvousMapper() {}

    /** The {@code node.lookup.*} keys (INTEROP.md 14 [D10]); {@code node.discovery.*} is their deprecated alias. */
    private static final List<String> LOOKUP_KEYS = List.of("ttl", "attempt_timeouts_secs", "recent_expiry_secs",
            "backoff_base_secs", "backoff_max_secs", "forward_min_interval_secs");
    /** A local bound on {@code attempt_timeouts_secs}: the reference's default has 4 attempts. */
    static final int MAX_LOOKUP_ATTEMPTS = 32;

    /**
     * {@code node.lookup.*} (INTEROP.md 7 "Defaults", "Retry"; 14 [D10]),
     * with {@code node.discovery.*} (reference/configuration.md "Discovery
     * Protocol") read as the deprecated alias the reference folds into it. A
     * key set under both is refused rather than one silently winning.
     * {@code backoff_base_secs}/{@code backoff_max_secs}: post-failure
     * backoff is not built; 0 (disabled, the default) is what this build
     * does, any other value is reported as not supported.
     */
    static LookupConfig lookup(Section lookup, Section discovery, List<String> warnings) throws ConfigException {
        Set<String> keys = Set.copyOf(LOOKUP_KEYS);
        lookup.checkKeys(keys);
        // node.discovery.nostr / .lan are the rendezvous features under their old name (see rendezvous()).
        Set<String> discoveryKeys = new HashSet<>(keys);
        discoveryKeys.addAll(RENDEZVOUS_KINDS);
        discovery.checkKeys(discoveryKeys);
        Map<String, Section> from = new HashMap<>();
        for (String k : LOOKUP_KEYS) {
            if (lookup.has(k) && discovery.has(k)) {
                throw ConfigException.at(discovery.child(k), "also set as " + lookup.child(k)
                        + "; node.discovery.* is the deprecated spelling of node.lookup.*, keep one");
            }
            from.put(k, discovery.has(k) ? discovery : lookup);
        }
        List<String> aliased = discovery.keys().stream().filter(keys::contains).map(discovery::child).toList();
        if (!aliased.isEmpty()) {
            warnings.add(discovery.path() + ".* is deprecated; read as node.lookup.* (rename "
                    + String.join(", ", aliased) + ")");
        }
        LookupConfig d = LookupConfig.defaults();
        int ttl = (int) from.get("ttl").integer("ttl", d.ttl(), 0, 255); // u8 on the wire
        List<Long> attemptsMs = d.attemptTimeoutsMs();
        Section a = from.get("attempt_timeouts_secs");
        if (a.has("attempt_timeouts_secs")) {
            String path = a.child("attempt_timeouts_secs");
            Object v = a.raw().get("attempt_timeouts_secs");
            if (!(v instanceof List<?> items)) {
                throw ConfigException.at(path, "expected a list of timeouts in seconds such as [1, 2, 4, 8], got "
                        + Section.describe(v));
            }
            if (items.isEmpty() || items.size() > MAX_LOOKUP_ATTEMPTS) {
                throw ConfigException.at(path, "expected 1 to " + MAX_LOOKUP_ATTEMPTS + " timeouts (one per attempt), got "
                        + items.size());
            }
            attemptsMs = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                attemptsMs.add(Section.integerValue(path + "[" + i + "]", items.get(i), 1, U32_MAX) * 1000);
            }
        }
        long recentSecs = from.get("recent_expiry_secs").integer("recent_expiry_secs", d.recentExpiryMs() / 1000, 1, U32_MAX);
        long forwardSecs = from.get("forward_min_interval_secs").integer("forward_min_interval_secs",
                d.forwardMinIntervalMs() / 1000, 0, U32_MAX);
        for (String k : List.of("backoff_base_secs", "backoff_max_secs")) {
            Section s = from.get(k);
            long v = s.integer(k, 0, 0, U32_MAX);
            if (v != 0) warnNotBuilt(warnings, s.child(k), "post-failure lookup backoff", v);
        }
        return new LookupConfig(ttl, attemptsMs, recentSecs * 1000, d.maxRecentRequests(), forwardSecs * 1000);
    }

    // ------------------------------------------------------------ node.rendezvous (node.discovery.nostr / .lan)

    /** The rendezvous kinds, under {@code node.rendezvous} and (deprecated) {@code node.discovery}. */
    static final List<String> RENDEZVOUS_KINDS = List.of("nostr", "lan");
    private static final List<String> PUBLIC_RELAYS = List.of("wss://relay.damus.io", "wss://nos.lol", "wss://offchain.pub");

    /** reference/configuration.md "Nostr Overlay Discovery": every key and default. */
    private static final Schema NOSTR = Schema.of(
            Schema.bool("enabled", false),
            Schema.choice("policy", "configured_only", "disabled", "configured_only", "open"),
            Schema.u64("open_discovery_max_pending", 64),
            Schema.u64("max_concurrent_incoming_offers", 16),
            Schema.integer("max_concurrent_offers_per_npub", 4L, 1, Long.MAX_VALUE), // "Zero is rejected"
            Schema.u64("advert_cache_max_entries", 2048),
            Schema.u64("seen_sessions_max_entries", 2048),
            Schema.bool("advertise", true),
            Schema.strings("advert_relays", PUBLIC_RELAYS),
            Schema.strings("dm_relays", PUBLIC_RELAYS),
            Schema.strings("stun_servers", List.of("stun:stun.l.google.com:19302", "stun:stun.cloudflare.com:3478",
                    "stun:global.stun.twilio.com:3478")),
            Schema.bool("share_local_candidates", false),
            Schema.string("app", "fips-overlay-v1"),
            Schema.u64("signal_ttl_secs", 120),
            Schema.u64("attempt_timeout_secs", 10),
            Schema.u64("replay_window_secs", 300),
            Schema.u64("punch_start_delay_ms", 2000),
            Schema.u64("punch_interval_ms", 200),
            Schema.u64("punch_duration_ms", 10_000),
            Schema.u64("advert_ttl_secs", 3600),
            Schema.u64("advert_refresh_secs", 1800),
            Schema.u64("startup_sweep_delay_secs", 5),
            Schema.u64("startup_sweep_max_age_secs", 3600),
            Schema.u32("failure_streak_threshold", 5),
            Schema.u64("extended_cooldown_secs", 1800),
            Schema.u64("warn_log_interval_secs", 300),
            Schema.u64("failure_state_max_entries", 4096),
            Schema.u64("protocol_mismatch_cooldown_secs", 86_400));

    /** reference/configuration.md "LAN Discovery". */
    private static final Schema LAN = Schema.of(
            Schema.bool("enabled", false),
            Schema.string("service_type", "_fips._udp.local."),
            Schema.string("scope", null));

    /**
     * {@code node.rendezvous.nostr.*} and {@code node.rendezvous.lan.*}
     * (INTEROP.md 14 [D10]), each also accepted under its deprecated name
     * {@code node.discovery.*} with a warning; one set under both names is
     * refused. Neither is built: {@code enabled: true} is reported.
     */
    static RendezvousConfig rendezvous(Section rendezvous, Section discovery, List<String> warnings)
            throws ConfigException {
        rendezvous.checkKeys(Set.copyOf(RENDEZVOUS_KINDS));
        Schema.Values[] read = new Schema.Values[RENDEZVOUS_KINDS.size()];
        for (int i = 0; i < read.length; i++) {
            String kind = RENDEZVOUS_KINDS.get(i);
            Section from = rendezvous;
            if (discovery.has(kind)) {
                if (rendezvous.has(kind)) {
                    throw ConfigException.at(discovery.child(kind), "also set as " + rendezvous.child(kind)
                            + "; node.discovery." + kind + " is the deprecated spelling of node.rendezvous." + kind
                            + ", keep one");
                }
                warnings.add(discovery.child(kind) + " is deprecated; read as " + rendezvous.child(kind)
                        + " (rename it)");
                from = discovery;
            }
            read[i] = (kind.equals("nostr") ? NOSTR : LAN).read(from.section(kind));
        }
        Schema.Values nostr = read[0];
        Schema.Values lan = read[1];
        if (nostr.bool("enabled")) warnNotBuilt(warnings, nostr.path("enabled"), "Nostr rendezvous", true);
        if (lan.bool("enabled")) warnNotBuilt(warnings, lan.path("enabled"), "mDNS LAN rendezvous", true);
        return new RendezvousConfig(nostr.bool("enabled"), nostr.string("policy"), lan.bool("enabled"),
                lan.string("scope"));
    }
}
