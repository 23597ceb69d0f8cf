package com.aliasimport.api;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;

import com.aliasimport.config.ApiSettings;

/** Apache HttpClient behind token requests, with the configured timeouts; a hung server never hangs the job. */
final class HttpClientFactory {

    private HttpClientFactory() {
    }

    static ClientHttpRequestFactory requestFactory(ApiSettings settings) {
        var httpSettings = HttpClientSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.readTimeout())
                // A redirected POST may silently turn into a GET: treat a redirect as the wrong URL instead.
                .withRedirects(HttpRedirects.DONT_FOLLOW);
        return ClientHttpRequestFactoryBuilder.httpComponents().build(httpSettings);
    }
}
