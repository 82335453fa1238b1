package fips.link.spi;

/**
 * Counters every transport keeps, read by operator tools. A snapshot: the
 * transport fills a new one on request.
 */
public record TransportStats(
        long packetsSent,
        long bytesSent,
        long packetsReceived,
        long bytesReceived,
        long sendErrors,
        long sendTooBig,
        long receiveErrors,
        long receiveTruncated) {
}
