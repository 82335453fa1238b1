package fips.noise;

/**
 * Observer of a handshake's symmetric state after each Noise token; used by
 * conformance checks against the trace in the known-answer vectors. Step names
 * follow Noise notation: {@code "-> e"} is a token of a message the initiator
 * sends, {@code "<- ee"} one of a message the responder sends.
 */
@FunctionalInterface
public interface HandshakeTrace {
    void step(String name, byte[] h, byte[] ck);
}
