package fips.launcher.internal.config;

import static fips.launcher.internal.config.MapperSupport.warnNotBuilt;

import fips.identity.KeyFormatException;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps {@code peers[]} (reference/configuration.md "Peers"; INTEROP.md 1.2
 * for {@code npub}, 14 for addresses naming a transport instance) into
 * {@link PeerConfig}s, resolving each address's transport against the
 * transports {@link TransportsMapper} produced.
 */
final class PeersMapper {
    private PeersMapper() {}

    /** {@code peers[]}, checked against the configured {@code transports}. */
    static List<PeerConfig> peers(Section top, List<TransportConfig> transports, Set<String> transportTypes,
                                  List<String> warnings) throws ConfigException {
        List<Object> items = top.list("peers");
        List<PeerConfig> out = new ArrayList<>();
        Map<NodeAddr, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Section p = Section.of("peers[" + i + "]", items.get(i));
            p.checkKeys(Set.of("npub", "alias", "addresses", "connect_policy", "auto_reconnect", "via_nostr"));
            PublicKey key = npub(p);
            String prev = seen.putIfAbsent(key.nodeAddr(), p.path());
            if (prev != null) {
                throw ConfigException.at(p.child("npub"), "the same peer as " + prev + ".npub");
            }
            String alias = p.string("alias", null);
            if (alias != null && (alias.isBlank() || alias.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
                throw ConfigException.at(p.child("alias"), "must be non-blank text without control characters, got "
                        + Section.describe(alias));
            }
            boolean viaNostr = p.bool("via_nostr", false);
            if (viaNostr) warnNotBuilt(warnings, p.child("via_nostr"), "Nostr rendezvous", true);
            List<Object> addrItems = p.list("addresses");
            List<PeerConfig.Address> addresses = new ArrayList<>();
            int dropped = 0;
            for (int j = 0; j < addrItems.size(); j++) {
                Section a = Section.of(p.child("addresses") + "[" + j + "]", addrItems.get(j));
                a.checkKeys(Set.of("transport", "addr", "priority"));
                String addr = a.requiredString("addr");
                // reference/configuration.md "Peers": u8, default 100, lower = preferred.
                int priority = (int) a.integer("priority", 100, 0, 255);
                String transport = resolveTransport(a, transports, transportTypes, warnings);
                if (transport == null) {
                    dropped++;
                    continue;
                }
                if (transport.equals("udp") || transport.startsWith("udp.")) {
                    if (addr.equals("nat")) {
                        // packaging/fips.yaml: "nat" asks for Nostr/STUN hole punching.
                        warnNotBuilt(warnings, a.child("addr"), "UDP NAT traversal through Nostr rendezvous", addr);
                        dropped++;
                        continue;
                    }
                }
                addresses.add(new PeerConfig.Address(transport, addr, priority, a.path()));
            }
            addresses.sort(Comparator.comparingInt(PeerConfig.Address::priority)); // stable: file order within a priority
            String policyText = p.string("connect_policy", "auto_connect");
            PeerConfig.ConnectPolicy policy = PeerConfig.ConnectPolicy.parse(policyText);
            if (policy == null) {
                throw ConfigException.at(p.child("connect_policy"), "expected auto_connect, on_demand or manual, got "
                        + Section.describe(policyText));
            }
            boolean autoReconnect = p.bool("auto_reconnect", true);
            if (policy == PeerConfig.ConnectPolicy.AUTO_CONNECT && addresses.isEmpty()) {
                if (dropped == 0 && !viaNostr) {
                    throw ConfigException.at(p.child("addresses"), "connect_policy auto_connect needs at least one address");
                }
                warnings.add(p.path() + ": no address this build can dial; the peer is accepted when it connects in");
            }
            out.add(new PeerConfig(key, alias, addresses, policy, autoReconnect, p.path(), viaNostr));
        }
        return out;
    }

    /** INTEROP.md 1.2 "peers[].npub in config": bech32 npub only. */
    private static PublicKey npub(Section p) throws ConfigException {
        String text = p.requiredString("npub");
        try {
            return PublicKey.fromNpub(text);
        } catch (KeyFormatException e) {
            String hint = text.matches("[0-9a-fA-F]{64}") ? "a hex key; peers are named by their npub1... only" : e.getMessage();
            throw ConfigException.at(p.child("npub"), "not a valid npub " + Section.describe(text) + " (" + hint + ")");
        }
    }

    /**
     * {@code addresses[].transport} names an instance ({@code udp.lan}) or a
     * type ({@code udp}: its first instance). A documented type this build
     * has no transport for gives null, with a warning: the address is skipped.
     */
    private static String resolveTransport(Section a, List<TransportConfig> transports, Set<String> transportTypes,
                                   List<String> warnings) throws ConfigException {
        String name = a.requiredString("transport");
        for (TransportConfig t : transports) {
            if (t.name().equals(name)) return t.name();
        }
        for (TransportConfig t : transports) {
            if (t.type().equals(name)) return t.name();
        }
        String path = a.child("transport");
        String type = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (TransportsMapper.DOCUMENTED_TRANSPORTS.contains(type) && !transportTypes.contains(type)) {
            if (TransportsMapper.PROJECT_TRANSPORTS.contains(type)) {
                throw ConfigException.at(path, "transport " + Section.describe(name) + " is not supported yet by this build");
            }
            warnNotBuilt(warnings, path, "no " + type + " transport", name);
            return null;
        }
        List<String> configured = transports.stream().map(TransportConfig::name).toList();
        throw ConfigException.at(path, "no transport " + Section.describe(name) + " is configured under transports (configured: "
                + String.join(", ", configured) + ")");
    }
}
