package com.aliasimport.config;

import com.aliasimport.config.AliasImportProperties.Format;
import com.aliasimport.config.AliasImportProperties.Method;
import com.aliasimport.net.HttpNetwork;
import java.time.Duration;

/**
 * What the API client needs for one run, already checked.
 *
 * @param network the CAs trusted (the JDK's, plus a private CA's from an SSL bundle) and the proxies
 */
public record ApiSettings(
        ApiEndpoints endpoints,
        String clientId,
        Secret clientSecret,
        String configuration,
        Method method,
        Format format,
        Duration connectTimeout,
        Duration readTimeout,
        HttpNetwork network) {

    /** With the JDK's CAs and the process's proxies. */
    public ApiSettings(
            ApiEndpoints endpoints,
            String clientId,
            Secret clientSecret,
            String configuration,
            Method method,
            Format format,
            Duration connectTimeout,
            Duration readTimeout) {
        this(
                endpoints,
                clientId,
                clientSecret,
                configuration,
                method,
                format,
                connectTimeout,
                readTimeout,
                HttpNetwork.systemDefault());
    }
}
