package com.aliasimport.sending;

import com.aliasimport.config.Secret;
import com.aliasimport.net.HttpNetwork;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The OAuth2 client-credentials token, shared by every sending thread. Spring Security's token client speaks the
 * protocol; this class adds what a concurrent batch needs: one token request at a time, failures included (callers
 * that waited for a request that failed get its failure, not a request of their own, so a wrong secret costs one
 * request however many threads wait: an identity provider may lock out a client that fails often), renewal shortly
 * before expiry, and a 401 storm costing one renewal (only the first caller holding the stale token renews it).
 */
public final class AccessTokens {

    private static final Pattern OAUTH_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]{1,64})\"");
    private static final Set<String> REFUSED = Set.of(
            "invalid_client",
            "unauthorized_client",
            "invalid_grant",
            "invalid_scope",
            "unsupported_grant_type",
            "invalid_request",
            "access_denied");

    private final RestClientClientCredentialsTokenResponseClient client;
    private final OAuth2ClientCredentialsGrantRequest grantRequest;
    private final Clock clock;
    private volatile OAuth2AccessToken token;
    private volatile Instant renewAt = Instant.MIN;
    /**
     * Counts finished token requests; a caller that saw another number before waiting takes that one's result.
     * Read without the lock: a caller must see the number before it queues behind the request under way.
     */
    private volatile long generation;

    private RuntimeException lastFailure;
    private int requests;

    public AccessTokens(
            URI tokenUrl,
            String clientId,
            Secret clientSecret,
            Duration connectTimeout,
            Duration readTimeout,
            Clock clock) {
        this(HttpNetwork.systemDefault(), tokenUrl, clientId, clientSecret, connectTimeout, readTimeout, clock);
    }

    /** @param network the trusted CAs and the proxies (the records client uses the same) */
    public AccessTokens(
            HttpNetwork network,
            URI tokenUrl,
            String clientId,
            Secret clientSecret,
            Duration connectTimeout,
            Duration readTimeout,
            Clock clock) {
        this.clock = clock;
        ClientRegistration registration = ClientRegistration.withRegistrationId("customergauge")
                .clientId(clientId)
                .clientSecret(clientSecret.reveal())
                // CustomerGauge documents the credentials in the form body.
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(tokenUrl.toString())
                .build();
        this.grantRequest = new OAuth2ClientCredentialsGrantRequest(registration);
        this.client = new RestClientClientCredentialsTokenResponseClient();
        // The token client builds its own RestClient, which would ignore our timeouts, CAs and proxies. A redirected
        // POST may silently turn into a GET: the client follows no redirect, so one reads as the wrong URL.
        this.client.setRestClient(RestClient.builder()
                // The shared builder disables HttpClient's own retries: a 503 retried there would be a second token
                // request this class does not know of. Retries are the caller's, one request at a time.
                .requestFactory(new HttpComponentsClientHttpRequestFactory(
                        network.clientBuilder(connectTimeout, readTimeout, 2).build()))
                .configureMessageConverters(c -> c.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
    }

    /**
     * A token valid for a while yet; fetched or renewed here if needed.
     *
     * @throws SystemicFailureException the token endpoint refused the credentials, or is not there, or its
     *         certificate is not accepted ({@link CertificateProblemException})
     * @throws TokenUnavailableException no token for now (5xx, timeout, no connection): try again later
     */
    public String current() {
        OAuth2AccessToken t = token;
        if (t != null && clock.instant().isBefore(renewAt)) {
            return t.getTokenValue();
        }
        long seen = generation;
        synchronized (this) {
            if (token != null && clock.instant().isBefore(renewAt)) {
                return token.getTokenValue();
            }
            if (generation != seen && lastFailure != null) {
                throw lastFailure; // the request this caller waited for failed: its answer is this caller's
            }
            fetch();
            return token.getTokenValue();
        }
    }

    /** The API refused {@code stale}: renew it, unless another thread already has (or tried to). */
    public void renew(String stale) {
        synchronized (this) {
            if (token != null && token.getTokenValue().equals(stale)) {
                token = null; // whatever happens next, this one is spent
                fetch();
            }
        }
    }

    /** How many token requests were made (for the summary and tests). */
    public synchronized int requests() {
        return requests;
    }

    private void fetch() {
        requests++;
        try {
            OAuth2AccessToken fresh = client.getTokenResponse(grantRequest).getAccessToken();
            Instant issued = clock.instant();
            Instant expires = fresh.getExpiresAt() != null ? fresh.getExpiresAt() : issued.plus(Duration.ofHours(1));
            Duration lifetime = Duration.between(issued, expires);
            // Renew a minute early, or a tenth of the lifetime early for short-lived tokens.
            Duration early = lifetime.dividedBy(10).compareTo(Duration.ofMinutes(1)) < 0
                    ? lifetime.dividedBy(10)
                    : Duration.ofMinutes(1);
            token = fresh;
            renewAt = expires.minus(early);
            lastFailure = null;
        } catch (RuntimeException e) {
            token = null;
            lastFailure = classify(e);
            throw lastFailure;
        } finally {
            generation++;
        }
    }

    private RuntimeException classify(RuntimeException e) {
        String url = grantRequest.getClientRegistration().getProviderDetails().getTokenUri();
        String certificate = CertificateProblems.describe(e, URI.create(url));
        if (certificate != null) {
            return new CertificateProblemException(certificate);
        }
        if (NetworkErrors.isUnknownHost(e)) {
            return new SystemicFailureException("cannot reach the token endpoint " + url
                    + ": unknown host (check CUSTOMERGAUGE_REGION or CUSTOMERGAUGE_TOKEN_URL)");
        }
        String errorCode = e instanceof OAuth2AuthorizationException oauth
                ? oauth.getError().getErrorCode()
                : null;
        RestClientResponseException response = NetworkErrors.find(e, RestClientResponseException.class);
        if (response != null) {
            Matcher m = OAUTH_ERROR.matcher(response.getResponseBodyAsString());
            errorCode =
                    m.find() ? m.group(1) : "HTTP " + response.getStatusCode().value();
        }
        boolean refused = REFUSED.contains(errorCode)
                || (response != null
                        && (response.getStatusCode().value() == 400
                                || response.getStatusCode().value() == 401
                                || response.getStatusCode().value() == 403));
        if (refused) {
            return new SystemicFailureException("the token endpoint refused the credentials (" + errorCode
                    + "): check CUSTOMERGAUGE_CLIENT_ID and CUSTOMERGAUGE_CLIENT_SECRET");
        }
        if (response != null && response.getStatusCode().value() == 404) {
            return new SystemicFailureException("the token endpoint " + url + " answers 404 Not Found: check"
                    + " CUSTOMERGAUGE_REGION or CUSTOMERGAUGE_TOKEN_URL");
        }
        String reason = response != null ? errorCode : NetworkErrors.describe(e);
        return new TokenUnavailableException(
                "token request to " + url + " failed: " + reason, NetworkErrors.isNotConnected(e));
    }
}
