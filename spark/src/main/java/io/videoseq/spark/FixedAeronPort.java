package io.videoseq.spark;

import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * The UDP port gradient sharing's Aeron transport binds on the driver and on every executor: {@code --port}.
 *
 * <p>DL4J 1.0.0-M2's own {@code StaticPortSupplier(int)} never stores its argument (its constructor only checks
 * it), so every node binds that class's default 49876 while the executors send to the driver at
 * {@code unicastControllerPort} ({@code --port}): on one host both are reachable by accident of the loopback, across
 * hosts the executors reach nothing and the epoch never ends (docs/DL4J.md, "Gradient sharing across hosts").
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
