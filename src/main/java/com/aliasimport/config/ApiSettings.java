package com.aliasimport.config;

import java.time.Duration;

import com.aliasimport.config.AliasImportProperties.Format;
import com.aliasimport.config.AliasImportProperties.Method;

/** What the API client needs for one run, already checked. */
public record ApiSettings(ApiEndpoints endpoints, String clientId, Secret clientSecret, String configuration,
        Method method, Format format, Duration connectTimeout, Duration readTimeout) {
}
