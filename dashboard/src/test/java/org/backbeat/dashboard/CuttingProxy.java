package org.backbeat.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder to Elasticsearch that cuts every connection, and refuses new ones, once {@code limit} bytes
 * have come back from the server: Elasticsearch dying in the middle of a response, at a point a test can choose
 * (after the first page of an export, during the second), which the real server cannot be made to do on demand.
 */
final class CuttingProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final long limit;
    private final AtomicLong returned = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private volatile boolean cut;

    CuttingProxy(URI target, long limit) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        this.limit = limit;
        this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    boolean hasCut() {
        return cut;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean counted) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (counted && returned.addAndGet(n) > limit) {
                        out.write(buffer, 0, n / 2);
                        out.flush();
                        cutAll();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void cutAll() {
        cut = true;
        open.forEach(CuttingProxy::closeQuietly);
    }

    @Override
    public void close() {
        cutAll();
        closeQuietly(server);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

}
