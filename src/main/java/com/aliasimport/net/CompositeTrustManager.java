package com.aliasimport.net;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server certificate when any of its trust managers does: the JDK's own (public CAs) and those of a private
 * CA. The JDK takes one trust manager only, so adding a CA to it would otherwise mean replacing the public ones.
 */
public final class CompositeTrustManager extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> delegates;

    public CompositeTrustManager(List<X509ExtendedTrustManager> delegates) {
        if (delegates.isEmpty()) {
            throw new IllegalArgumentException("no trust managers");
        }
        this.delegates = List.copyOf(delegates);
    }

    /** The JDK's default trust managers (cacerts, or {@code javax.net.ssl.trustStore}), then {@code extra}. */
    public static CompositeTrustManager withJdkDefaults(TrustManager... extra) {
        List<X509ExtendedTrustManager> all = new ArrayList<>(jdkDefaults());
        Arrays.stream(extra)
                .filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast)
                .forEach(all::add);
        return new CompositeTrustManager(all);
    }

    static List<X509ExtendedTrustManager> jdkDefaults() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust managers are not available", e);
        }
    }

    @FunctionalInterface
    private interface Check {
        void run(X509ExtendedTrustManager manager) throws CertificateException;
    }

    /**
     * Passes when one delegate trusts the chain. Otherwise the most telling refusal is thrown: a delegate that knew
     * the CA but found the certificate expired says more than one that knew no CA at all.
     */
    private void check(Check check) throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                check.run(delegate);
                return;
            } catch (CertificateException e) {
                if (first == null || (unknownIssuer(first) && !unknownIssuer(e))) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private static boolean unknownIssuer(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(m -> m.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(m -> m.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(m -> m.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegates.stream()
                .flatMap(d -> Arrays.stream(d.getAcceptedIssuers()))
                .toArray(X509Certificate[]::new);
    }
}
