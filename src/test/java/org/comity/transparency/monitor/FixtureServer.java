package org.comity.transparency.monitor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/** Serves fixture logs over loopback HTTP as nodes do: {@code /<name>/log/<tlog-tiles path>}. */
public final class FixtureServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, FixtureLog> logs = new ConcurrentHashMap<>();
    // Shut down with the server: its threads are not daemons, and would keep a tool's JVM alive.
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(4);

    public FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/log/", 2);
            FixtureLog log = parts.length == 2 ? logs.get(parts[0].substring(1)) : null;
            byte[] body;
            try {
                body = log == null ? null : log.source().fetch(parts[1]);
            } catch (IllegalStateException e) {
                body = null;
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    /** Serves {@code log} under {@code /<name>/log/}; returns that node's base URL. */
    public String serve(String name, FixtureLog log) {
        logs.put(name, log);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
