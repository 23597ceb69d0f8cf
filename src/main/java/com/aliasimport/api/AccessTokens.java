package com.aliasimport.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.http.client.ClientHttpRequestFactory;
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

import com.aliasimport.config.ApiSettings;

/**
 * The OAuth2 client-credentials token, shared by every sending thread. Spring Security's token client speaks the
 * protocol; this class adds what a concurrent batch needs: one token request at a time however many requests are
 * in flight, renewal shortly before expiry, and a 401 storm costing one renewal (only the first caller holding the
 * stale token renews it).
 */
public final class AccessTokens {

    private static final Set<String> REFUSED = Set.of("invalid_client", "unauthorized_client", "invalid_grant",
            "invalid_scope", "unsupported_grant_type", "invalid_request", "access_denied");

    private final RestClientClientCredentialsTokenResponseClient client;
    private final OAuth2ClientCredentialsGrantRequest grantRequest;
    private final Clock clock;
    private volatile OAuth2AccessToken token;
    private volatile Instant renewAt = Instant.MIN;
    private int requests;

    AccessTokens(ApiSettings settings, ClientHttpRequestFactory requestFactory, Clock clock) {
        this.clock = clock;
        ClientRegistration registration = ClientRegistration.withRegistrationId("customergauge")
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret().reveal())
                // CustomerGauge documents the credentials in the form body.
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(settings.endpoints().tokenUrl().toString())
                .build();
        this.grantRequest = new OAuth2ClientCredentialsGrantRequest(registration);
        this.client = new RestClientClientCredentialsTokenResponseClient();
        // The token client builds its own RestClient, which would ignore our timeouts (see NOTES-spring-batch-6.md).
        this.client.setRestClient(RestClient.builder()
                .requestFactory(requestFactory)
                .configureMessageConverters(c -> c.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
    }

    /** A token valid for a while yet; fetched or renewed here if needed. */
    public String current() {
        OAuth2AccessToken t = token;
        if (t != null && clock.instant().isBefore(renewAt)) {
            return t.getTokenValue();
        }
        synchronized (this) {
            if (token == null || !clock.instant().isBefore(renewAt)) {
                fetch();
            }
            return token.getTokenValue();
        }
    }

    /** The API refused {@code stale}: renew it, unless another thread already has. */
    public synchronized void renew(String stale) {
        if (token != null && token.getTokenValue().equals(stale)) {
            fetch();
        }
    }

    /** How many tokens were fetched (for the summary and tests). */
    public synchronized int requests() {
        return requests;
    }

    private void fetch() {
        requests++;
        OAuth2AccessToken fresh;
        try {
            fresh = client.getTokenResponse(grantRequest).getAccessToken();
        } catch (RuntimeException e) {
            throw classify(e);
        }
        Instant issued = clock.instant();
        Instant expires = fresh.getExpiresAt() != null ? fresh.getExpiresAt() : issued.plus(Duration.ofHours(1));
        Duration lifetime = Duration.between(issued, expires);
        // Renew a minute early, or a tenth of the lifetime early for short-lived tokens.
        Duration early = lifetime.dividedBy(10).compareTo(Duration.ofMinutes(1)) < 0 ? lifetime.dividedBy(10)
                : Duration.ofMinutes(1);
        token = fresh;
        renewAt = expires.minus(early);
    }

    private RuntimeException classify(RuntimeException e) {
        String url = grantRequest.getClientRegistration().getProviderDetails().getTokenUri();
        if (NetworkErrors.isUnknownHost(e)) {
            return new SystemicFailureException("cannot reach the token endpoint " + url
                    + ": unknown host (check CUSTOMERGAUGE_REGION or CUSTOMERGAUGE_TOKEN_URL)");
        }
        if (e instanceof OAuth2AuthorizationException oauth && REFUSED.contains(oauth.getError().getErrorCode())) {
            return new SystemicFailureException("the token endpoint refused the credentials ("
                    + oauth.getError().getErrorCode() + "): check CUSTOMERGAUGE_CLIENT_ID and"
                    + " CUSTOMERGAUGE_CLIENT_SECRET");
        }
        String reason = e instanceof OAuth2AuthorizationException oauth ? oauth.getError().getErrorCode()
                + (NetworkErrors.isNotConnected(e) ? " (" + NetworkErrors.describe(e) + ")" : "")
                : NetworkErrors.describe(e);
        return TransientFailure.tokenUnavailable("token request to " + url + " failed: " + reason,
                NetworkErrors.isNotConnected(e));
    }
}
