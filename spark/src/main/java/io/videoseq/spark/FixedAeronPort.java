package io.videoseq.spark;

import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * The UDP port gradient sharing's Aeron transport uses on the driver and on every executor: {@code --port}.
 *
 * <p>DL4J 1.0.0-M2's own {@code StaticPortSupplier(int)} never stores its argument (its constructor only checks
 * it), and the transport takes both its own port and the driver's from the supplier: whatever {@code --port} or
 * {@code VoidConfiguration.unicastPort} say, every node binds and sends to that class's default 49876. It works
 * until a firewall opens only the documented port, or 49876 is taken. Verified on the standalone cluster test
 * (docs/DL4J.md): executors log {@code Initializing transport [10.231.0.11:49876] with root as
 * [10.231.0.100:49876]} without this class, {@code ...:40123] with root as [...:40123]} with it.
 *
 * @param port the UDP port, 1..65535
 */
public record FixedAeronPort(int port) implements PortSupplier {
    private static final long serialVersionUID = 1L;

    public FixedAeronPort {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("spark port = " + port + ": expected 1..65535");
        }
    }

    @Override
    public int getPort() {
        return port;
    }
}
