package io.ticklane.gateway;

/**
 * Where packets enter the engine, knowing nothing of their protocol: an Aeron subscription (the project's own feed),
 * a raw UDP multicast socket (a venue line), or a capture file. Each delivered packet carries its
 * {@link PacketSource} and receive time. This is also the seam for kernel bypass: an ef_vi or DPDK receiver would be
 * one more implementation.
 * <p>
 * Threading: polled by one thread (a gateway agent, or a replay loop). Implementations read into pre-allocated
 * buffers and do not allocate per packet.
 */
public interface Ingress extends AutoCloseable
{
    /**
     * Delivers up to {@code limit} packets that are ready now.
     *
     * @param handler receives each packet.
     * @param limit   most packets this call.
     * @return packets delivered (0 when none was ready).
     */
    int poll(PacketHandler handler, int limit);

    /**
     * @return a short description for logs, e.g. {@code udp 224.0.31.1:14310 on 10.0.0.5 (incremental-a)}.
     */
    String describe();

    /**
     * Releases sockets, files and subscriptions.
     */
    void close();
}
