package fips.launcher.internal.config;

/**
 * {@code node.rendezvous.*} (INTEROP.md 14 [D10]; reference/configuration.md
 * "Nostr Overlay Discovery" and "LAN Discovery", there under the deprecated
 * {@code node.discovery.nostr} / {@code node.discovery.lan}). Neither is built:
 * every documented key is checked, and enabling one is reported in
 * {@link FipsConfig#warnings()}. Only the switches are kept.
 *
 * @param nostrEnabled {@code node.rendezvous.nostr.enabled}
 * @param nostrPolicy {@code node.rendezvous.nostr.policy}: {@code disabled}, {@code configured_only} or {@code open}
 * @param lanEnabled {@code node.rendezvous.lan.enabled}
 * @param lanScope {@code node.rendezvous.lan.scope}, or null
 */
public record RendezvousConfig(boolean nostrEnabled, String nostrPolicy, boolean lanEnabled, String lanScope) {
    public static RendezvousConfig defaults() {
        return new RendezvousConfig(false, "configured_only", false, null);
    }
}
