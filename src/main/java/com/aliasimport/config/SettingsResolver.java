package com.aliasimport.config;

import com.aliasimport.config.AliasImportProperties.Format;
import com.aliasimport.net.HttpNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Turns the bound properties into checked settings, failing with one line that says what to fix.
 * Secrets may come from a property, an environment variable, or a file named by {@code *_FILE}.
 */
@Component
public class SettingsResolver {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AliasImportProperties properties;
    private final Environment environment;
    private final ObjectProvider<SslBundles> sslBundles;

    public SettingsResolver(AliasImportProperties properties, Environment environment) {
        this(properties, environment, null);
    }

    @Autowired
    public SettingsResolver(
            AliasImportProperties properties, Environment environment, ObjectProvider<SslBundles> sslBundles) {
        this.properties = properties;
        this.environment = environment;
        this.sslBundles = sslBundles;
    }

    public AliasImportProperties properties() {
        return properties;
    }

    public SendSettings sendSettings(Integer rate, Integer concurrency, Integer chunkSize) {
        return SendSettings.from(properties.sending())
                .withOverrides(rate, concurrency, chunkSize)
                .checked();
    }

    /** Settings for a real tenant: credentials and the configuration reference are required. */
    public ApiSettings apiSettings(Format formatOverride) {
        return apiSettings(formatOverride, null);
    }

    /**
     * Settings for a real tenant, importing the data type of profile {@code profile} (null: account-alias), whose
     * configuration reference is its own or, when it names none, CUSTOMERGAUGE_CONFIGURATION.
     */
    public ApiSettings apiSettings(Format formatOverride, String profile) {
        String profileReference = properties.profile(profile).configuration();
        ApiEndpoints endpoints =
                ApiEndpoints.resolve(properties.region(), properties.tokenUrl(), properties.importsUrl());
        String clientId = clientId();
        Secret secret = clientSecret();
        String configuration = checkedConfiguration(
                profileReference != null && !profileReference.isBlank()
                        ? profileReference
                        : properties.configuration());
        return withEndpoints(endpoints, clientId, secret, configuration, formatOverride);
    }

    /** Settings for an anonymize check of a real tenant: credentials are required, a mapping reference is not. */
    public ApiSettings anonymizeSettings() {
        ApiEndpoints endpoints =
                ApiEndpoints.resolveForAnonymize(properties.region(), properties.tokenUrl(), properties.apiUrl());
        return withEndpoints(endpoints, clientId(), clientSecret(), null, null);
    }

    private String clientId() {
        String clientId = fromPropertyOrFile(properties.clientId(), "CUSTOMERGAUGE_CLIENT_ID");
        if (clientId.isBlank()) {
            throw new ConfigurationException("no client id: set CUSTOMERGAUGE_CLIENT_ID"
                    + " (or CUSTOMERGAUGE_CLIENT_ID_FILE), or use --dry-run or --sandbox");
        }
        return clientId.trim();
    }

    private Secret clientSecret() {
        Secret secret = Secret.of(fromPropertyOrFile(properties.clientSecret(), "CUSTOMERGAUGE_CLIENT_SECRET"));
        if (secret.isBlank()) {
            throw new ConfigurationException("no client secret: set CUSTOMERGAUGE_CLIENT_SECRET"
                    + " (or CUSTOMERGAUGE_CLIENT_SECRET_FILE), or use --dry-run or --sandbox");
        }
        return secret;
    }

    /** Settings for the built-in sandbox: its own URLs, credentials and configuration reference. */
    public ApiSettings sandboxSettings(
            ApiEndpoints endpoints, String clientId, Secret secret, String configuration, Format formatOverride) {
        return withEndpoints(endpoints, clientId, secret, configuration, formatOverride);
    }

    private ApiSettings withEndpoints(
            ApiEndpoints endpoints, String clientId, Secret secret, String configuration, Format formatOverride) {
        var http = properties.http();
        if (http.connectTimeout().isNegative()
                || http.connectTimeout().isZero()
                || http.readTimeout().isNegative()
                || http.readTimeout().isZero()) {
            throw new ConfigurationException("alias-import.http.connect-timeout and read-timeout must be positive");
        }
        return new ApiSettings(
                endpoints,
                clientId,
                secret,
                configuration,
                http.method(),
                formatOverride != null ? formatOverride : http.format(),
                http.connectTimeout(),
                http.readTimeout(),
                network(http.sslBundle()));
    }

    /** The JDK's CAs plus the named SSL bundle's, and the proxies of the environment. */
    private HttpNetwork network(String bundleName) {
        TrustManager[] extra = new TrustManager[0];
        if (bundleName != null && !bundleName.isBlank()) {
            String name = bundleName.trim();
            String variable = "SPRING_SSL_BUNDLE_PEM_"
                    + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_TRUSTSTORE_CERTIFICATE";
            SslBundles bundles = sslBundles == null ? null : sslBundles.getIfAvailable();
            try {
                if (bundles == null) {
                    throw new NoSuchSslBundleException(name, "no SSL bundles");
                }
                extra = bundles.getBundle(name).getManagers().getTrustManagers();
            } catch (NoSuchSslBundleException e) {
                throw new ConfigurationException("alias-import.http.ssl-bundle names the SSL bundle \"" + name
                        + "\", which is not configured: set spring.ssl.bundle.pem." + name
                        + ".truststore.certificate (" + variable + ") to the CA's PEM file, such as"
                        + " file:/etc/ssl/corp-ca.pem");
            } catch (RuntimeException e) {
                throw new ConfigurationException("the SSL bundle \"" + name + "\" (alias-import.http.ssl-bundle)"
                        + " cannot be loaded: " + e.getMessage());
            }
        }
        try {
            return HttpNetwork.of(extra);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("HTTPS_PROXY or HTTP_PROXY: " + e.getMessage());
        }
    }

    static String checkedConfiguration(String configuration) {
        String c = configuration == null ? "" : configuration.trim();
        if (c.isEmpty()) {
            throw new ConfigurationException("no inbound mapping reference: set CUSTOMERGAUGE_CONFIGURATION to the"
                    + " Reference shown in CustomerGauge under Data > Rest APIs > Inbound Mapping");
        }
        if (!UUID.matcher(c).matches()) {
            throw new ConfigurationException("CUSTOMERGAUGE_CONFIGURATION \"" + c + "\" is not an inbound mapping"
                    + " reference: expected a UUID such as 9dd58237-c913-4073-9c76-07da0b49ff50");
        }
        return c;
    }

    /** A value from its property, else from the file named by the {@code NAME_FILE} variable or property. */
    private String fromPropertyOrFile(String value, String variable) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        String file = environment.getProperty(variable + "_FILE");
        if (file == null || file.isBlank()) {
            return "";
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("cannot read " + variable + "_FILE \"" + file + "\": "
                    + e.getClass().getSimpleName());
        }
    }
}
