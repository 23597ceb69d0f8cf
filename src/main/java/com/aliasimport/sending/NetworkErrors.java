package com.aliasimport.sending;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.springframework.core.NestedExceptionUtils;

/** Reads an I/O failure's cause chain: did the request leave this machine, and is it worth retrying? */
final class NetworkErrors {

    private NetworkErrors() {}

    static boolean isUnknownHost(Throwable t) {
        return find(t, UnknownHostException.class) != null;
    }

    /** The connection was never made, so the server cannot have seen the request. */
    static boolean isNotConnected(Throwable t) {
        return find(t, ConnectException.class) != null
                || isConnectTimeout(t)
                || find(t, NoRouteToHostException.class) != null;
    }

    static boolean isReadTimeout(Throwable t) {
        return find(t, SocketTimeoutException.class) != null && !isConnectTimeout(t);
    }

    private static boolean isConnectTimeout(Throwable t) {
        return find(t, ConnectTimeoutException.class) != null;
    }

    static String describe(Throwable t) {
        if (isUnknownHost(t)) {
            return "unknown host";
        }
        if (isConnectTimeout(t)) {
            return "connect timed out";
        }
        if (find(t, ConnectException.class) != null) {
            return "connection refused";
        }
        if (isReadTimeout(t)) {
            return "no response within the read timeout";
        }
        Throwable root = NestedExceptionUtils.getMostSpecificCause(t);
        String message = root.getMessage();
        return "connection failed (" + root.getClass().getSimpleName() + (message == null ? "" : ": " + message) + ")";
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
