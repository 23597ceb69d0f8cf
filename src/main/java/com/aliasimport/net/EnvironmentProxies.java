package com.aliasimport.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy a request goes through. The JVM's own proxy properties ({@code https.proxyHost}, {@code http.proxyHost},
 * with {@code http.nonProxyHosts}) win when set, through the JDK's selector. Otherwise the variables curl and most
 * tools read: {@code HTTPS_PROXY} (or {@code https_proxy}) for https URLs, {@code HTTP_PROXY} (or
 * {@code http_proxy}) for http ones, except for the hosts {@code NO_PROXY} (or {@code no_proxy}) lists: names
 * ({@code example.com} also matches its subdomains; {@code .example.com} and {@code *.example.com} match subdomains
 * only), IP addresses, either with {@code :port}, or {@code *} for every host. Loopback addresses and
 * {@code localhost} never go through a proxy from the environment (as Go does; the JDK's default
 * {@code http.nonProxyHosts} says the same), so the built-in sandbox works on a host with a proxy set.
 * A proxy URL may hold {@code user:password@} for a proxy that asks for credentials: they are never shown.
 */
public final class EnvironmentProxies extends ProxySelector {

    /** A proxy from the environment: where it is, and its credentials if the URL has them. */
    record ProxyAddress(String host, int port, PasswordAuthentication credentials) {

        @Override
        public String toString() {
            return host + ":" + port; // never the credentials
        }
    }

    private final ProxyAddress https;
    private final ProxyAddress http;
    private final List<String> noProxy;
    private final boolean jvmHttps;
    private final boolean jvmHttp;
    private final ProxySelector jvm;

    EnvironmentProxies(Map<String, String> env, java.util.Properties system, ProxySelector jvm) {
        this.https = parse(variable(env, "https_proxy"));
        this.http = parse(variable(env, "http_proxy"));
        String no = variable(env, "no_proxy");
        this.noProxy = no == null
                ? List.of()
                : Arrays.stream(no.split(","))
                        .map(s -> s.trim().toLowerCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .toList();
        this.jvmHttps = !blank(system.getProperty("https.proxyHost"));
        this.jvmHttp = !blank(system.getProperty("http.proxyHost"));
        this.jvm = jvm;
    }

    /** From this process's environment and system properties. */
    public static EnvironmentProxies fromProcess() {
        return new EnvironmentProxies(System.getenv(), System.getProperties(), ProxySelector.getDefault());
    }

    @Override
    public List<Proxy> select(URI uri) {
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        if (secure ? jvmHttps : jvmHttp) {
            return jvm.select(uri);
        }
        ProxyAddress proxy = secure ? https : http;
        if (proxy == null || bypassed(uri.getHost(), port(uri))) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
    }

    /** The proxy for https URLs from the environment, or null. */
    ProxyAddress httpsProxy() {
        return https;
    }

    /** The proxy for http URLs from the environment, or null. */
    ProxyAddress httpProxy() {
        return http;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // Nothing to learn: there is one proxy per scheme.
    }

    boolean bypassed(String host, int port) {
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (isLoopback(h)) {
            return true;
        }
        for (String entry : noProxy) {
            if (matches(entry, h, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String entry, String host, int port) {
        if (entry.equals("*")) {
            return true;
        }
        String pattern = entry;
        int colon = pattern.lastIndexOf(':');
        if (colon > 0
                && pattern.indexOf(':') == colon
                && pattern.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            if (Integer.parseInt(pattern.substring(colon + 1)) != port) {
                return false;
            }
            pattern = pattern.substring(0, colon);
        }
        if (pattern.startsWith("[") && pattern.endsWith("]")) {
            pattern = pattern.substring(1, pattern.length() - 1);
        }
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1));
        }
        if (pattern.startsWith(".")) {
            return host.endsWith(pattern);
        }
        return host.equals(pattern) || host.endsWith("." + pattern);
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no lookup
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Lower case first, as curl reads them. */
    private static String variable(Map<String, String> env, String lower) {
        String value = env.get(lower);
        if (blank(value)) {
            value = env.get(lower.toUpperCase(Locale.ROOT));
        }
        return blank(value) ? null : value.trim();
    }

    static ProxyAddress parse(String value) {
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(value.contains("://") ? value : "http://" + value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the proxy setting is not a URL such as http://proxy.example.com:3128");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the proxy setting is not a URL such as http://proxy.example.com:3128");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// proxies are supported, not " + uri.getScheme() + "://");
        }
        PasswordAuthentication credentials = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            credentials = new PasswordAuthentication(user, password.toCharArray());
        }
        return new ProxyAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80, credentials);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
