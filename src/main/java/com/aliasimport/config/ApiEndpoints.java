package com.aliasimport.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The URLs the jobs talk to: the OAuth2 token endpoint, the Imports API's records endpoint (import) and the base of
 * the v4.1 API (anonymize-check, which appends {@code /v4.1/anonymize.json}). A URL a job does not use may be null.
 */
public record ApiEndpoints(URI tokenUrl, URI importsUrl, URI apiUrl) {

    /** For the import, with the v4.1 API on the records endpoint's host (as the sandbox serves both). */
    public ApiEndpoints(URI tokenUrl, URI importsUrl) {
        this(tokenUrl, importsUrl, importsUrl.resolve("/"));
    }

    public static final Set<String> REGIONS = Set.of("eu", "us", "au");

    /** Explicit URLs win; otherwise both come from the region, as CustomerGauge documents them. */
    public static ApiEndpoints resolve(String region, URI tokenUrl, URI importsUrl) {
        String r = region == null ? "" : region.trim().toLowerCase(Locale.ROOT);
        if ((tokenUrl == null || importsUrl == null) && !REGIONS.contains(r)) {
            throw new ConfigurationException("unknown region \"" + region + "\": use eu, us or au"
                    + " (CUSTOMERGAUGE_REGION), or set both CUSTOMERGAUGE_TOKEN_URL and CUSTOMERGAUGE_IMPORTS_URL");
        }
        URI token = tokenUrl != null ? tokenUrl : URI.create("https://auth." + r + ".customergauge.com/oauth2/token");
        URI imports = importsUrl != null
                ? importsUrl
                : URI.create("https://imports.api." + r + ".customergauge.com/records/");
        checkSafe("token URL (CUSTOMERGAUGE_TOKEN_URL)", token);
        checkSafe("imports URL (CUSTOMERGAUGE_IMPORTS_URL)", imports);
        return new ApiEndpoints(token, imports, null);
    }

    /** For the anonymize check: explicit URLs win; otherwise both come from the region, as CustomerGauge documents. */
    public static ApiEndpoints resolveForAnonymize(String region, URI tokenUrl, URI apiUrl) {
        String r = region == null ? "" : region.trim().toLowerCase(Locale.ROOT);
        if ((tokenUrl == null || apiUrl == null) && !REGIONS.contains(r)) {
            throw new ConfigurationException("unknown region \"" + region + "\": use eu, us or au"
                    + " (CUSTOMERGAUGE_REGION), or set both CUSTOMERGAUGE_TOKEN_URL and CUSTOMERGAUGE_API_URL");
        }
        URI token = tokenUrl != null ? tokenUrl : URI.create("https://auth." + r + ".customergauge.com/oauth2/token");
        URI api = apiUrl != null ? apiUrl : URI.create("https://api." + r + ".customergauge.com");
        checkSafe("token URL (CUSTOMERGAUGE_TOKEN_URL)", token);
        checkSafe("API URL (CUSTOMERGAUGE_API_URL)", api);
        return new ApiEndpoints(token, null, api);
    }

    /** Credentials and records travel in clear over http://, so plain http is allowed to this machine only. */
    static void checkSafe(String what, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ConfigurationException("the " + what + " \"" + url + "\" is not an http(s) URL");
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            throw new ConfigurationException("the " + what + " \"" + url + "\" uses plain http to another host:"
                    + " use https (plain http is allowed to localhost only)");
        }
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
