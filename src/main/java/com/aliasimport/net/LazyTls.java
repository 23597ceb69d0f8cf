package com.aliasimport.net;

import java.io.IOException;
import java.net.Socket;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.springframework.util.function.SingletonSupplier;

/**
 * TLS set up on the first https connection, not when the client is built: loading the JDK's CAs and initialising a
 * TLS context takes a tenth of a second or more of start-up, which a run against an http URL (the sandbox, a local
 * proxy) never needs, as the JDK's own client leaves its default context until it is used.
 */
final class LazyTls implements TlsSocketStrategy {

    private final SingletonSupplier<TlsSocketStrategy> strategy;

    LazyTls(Supplier<SSLContext> context) {
        this.strategy = SingletonSupplier.of(() -> new DefaultClientTlsStrategy(context.get()));
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        return strategy.obtain().upgrade(socket, target, port, attachment, context);
    }
}
