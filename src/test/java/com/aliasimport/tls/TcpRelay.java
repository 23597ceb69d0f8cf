package com.aliasimport.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay, a thread per connection, that counts what goes through it: either to a fixed port (to count
 * connection attempts to a TLS server that never sees a request it refuses) or as an HTTP CONNECT proxy (what a
 * corporate proxy does for https URLs), resolving names itself as a proxy does.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final Integer fixedPort;
    private final Map<String, String> names;
    private final String credentials;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> connects = new CopyOnWriteArrayList<>();

    private TcpRelay(Integer fixedPort, Map<String, String> names, String credentials) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.fixedPort = fixedPort;
        this.names = names;
        this.credentials = credentials;
        Thread t = new Thread(this::accept, "relay-" + port());
        t.setDaemon(true);
        t.start();
    }

    /** Relays every connection to 127.0.0.1:{@code port}. */
    static TcpRelay to(int port) throws IOException {
        return new TcpRelay(port, Map.of(), null);
    }

    /**
     * An HTTP CONNECT proxy; {@code names} maps host names to the addresses it connects to; with {@code user:password}
     * it answers 407 to a CONNECT without those Basic credentials.
     */
    static TcpRelay connectProxy(Map<String, String> names, String userAndPassword) throws IOException {
        return new TcpRelay(null, names, userAndPassword);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** The host:port of every CONNECT let through. */
    List<String> connects() {
        return List.copyOf(connects);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(client), "relay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String host = "127.0.0.1";
            int port;
            if (fixedPort != null) {
                port = fixedPort;
            } else {
                String head = readHead(in);
                String[] request = head.lines().findFirst().orElse("").split(" ");
                if (request.length < 2 || !request[0].equals("CONNECT")) {
                    out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes());
                    return;
                }
                if (credentials != null
                        && !head.contains("Proxy-Authorization: Basic "
                                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic"
                                    + " realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                            .getBytes());
                    out.flush();
                    head = readHead(in); // the client asks again on the same connection, with credentials
                    if (!head.contains("Proxy-Authorization: Basic "
                            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))) {
                        return;
                    }
                }
                String target = request[1];
                int colon = target.lastIndexOf(':');
                host = names.getOrDefault(target.substring(0, colon), target.substring(0, colon));
                port = Integer.parseInt(target.substring(colon + 1));
                connects.add(target);
            }
            try (Socket upstream = new Socket(host, port)) {
                if (fixedPort == null) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes());
                    out.flush();
                }
                Thread back = new Thread(() -> pump(upstream, client), "relay-back");
                back.setDaemon(true);
                back.start();
                pump(client, upstream);
                back.join(5000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the connection ends
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
