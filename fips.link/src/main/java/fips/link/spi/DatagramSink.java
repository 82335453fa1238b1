package fips.link.spi;

/**
 * Where a transport pushes what it receives (design/fips-transport-layer.md
 * "Datagram Delivery"). Called on the transport's receive thread.
 *
 * <p>Buffer ownership (STYLE.md rule 7): the transport owns {@code buf}; the
 * sink may read it only during the call and must copy what it keeps.
 */
@FunctionalInterface
public interface DatagramSink {
    void onDatagram(Transport transport, TransportAddr source, byte[] buf, int off, int len);
}
