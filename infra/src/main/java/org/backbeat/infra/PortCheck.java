package org.backbeat.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Questions about TCP ports on the loopback address, 127.0.0.1, where the local infrastructure listens.
 */
public final class PortCheck {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private PortCheck() {
    }

    /**
     * A port that was free a moment ago. Another process may take it before the caller binds it: the
     * callers accept that small race, since a port clash then fails loudly at start-up.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free TCP port on " + LOOPBACK.getHostAddress(), e);
        }
    }

    /**
     * Whether some socket is bound to {@code port} on 127.0.0.1 (or on every address), judged by trying to
     * bind it ourselves. Connections in TIME_WAIT do not count, so a port closed cleanly reads as free at once.
     */
    public static boolean isBound(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
