package com.aliasimport.config;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything a run can be configured with, bound from {@code alias-import.*} (application.yml, config/application.yml
 * in the working directory, environment variables such as {@code CUSTOMERGAUGE_CLIENT_ID}). Each default is the
 * {@code @DefaultValue} here and nowhere else; the configuration processor publishes them with these descriptions.
 * Checked by {@link SettingsResolver} before anything is sent.
 *
 * @param region the CustomerGauge region whose API is called (eu, us, au), when no URL is given
 * @param clientId the OAuth2 client id (CUSTOMERGAUGE_CLIENT_ID)
 * @param clientSecret the OAuth2 client secret (CUSTOMERGAUGE_CLIENT_SECRET); never logged
 * @param configuration the inbound mapping reference (a UUID) sent as "configuration" with every record
 * @param tokenUrl the OAuth2 token endpoint, when not the region's
 * @param importsUrl the Imports API's records endpoint, when not the region's
 * @param apiUrl the base of the v4.1 API that anonymize-check calls, when not the region's
 * @param http how requests are made
 * @param sending how fast and how stubbornly rows are sent
 * @param mapping the inbound mapping the rows are checked against: the {@code account-alias} profile, the default
 * @param profiles other data types of the Imports API (Contact, Account, ...), by name: each its own mapping and
 *        configuration reference, chosen with {@code import --profile NAME}
 * @param csv how CSV files are read and report CSVs written
 * @param journalDir where runs journal accepted rows between checkpoints (a file is left only by a run that crashed,
 *        and its next session picks it up: keep it on the host that runs the imports)
 */
@ConfigurationProperties("alias-import")
public record AliasImportProperties(
        @DefaultValue("eu") String region,
        String clientId,
        String clientSecret,
        String configuration,
        URI tokenUrl,
        URI importsUrl,
        URI apiUrl,
        @DefaultValue Http http,
        @DefaultValue Sending sending,
        @DefaultValue Mapping mapping,
        Map<String, Mapping> profiles,
        @DefaultValue Csv csv,
        @DefaultValue("data/journal") Path journalDir) {

    /** The name of the profile {@link #mapping} describes, the default. */
    public static final String DEFAULT_PROFILE = "account-alias";

    public AliasImportProperties {
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    }

    /**
     * The mapping of a data type: {@link #mapping} for {@value #DEFAULT_PROFILE} (or null), else the named
     * profile.
     *
     * @throws ConfigurationException when there is no such profile
     */
    public Mapping profile(String name) {
        if (name == null || name.equals(DEFAULT_PROFILE)) {
            return mapping;
        }
        Mapping profile = profiles.get(name);
        if (profile == null) {
            List<String> known = new ArrayList<>(new TreeSet<>(profiles.keySet()));
            known.add(0, DEFAULT_PROFILE);
            throw new ConfigurationException("no profile \"" + name + "\": the profiles are " + String.join(", ", known)
                    + " (alias-import.profiles in config/application.yml)");
        }
        return profile;
    }

    public enum Format {
        JSON,
        FORM
    }

    public enum Method {
        POST,
        PUT
    }

    /**
     * How requests are made.
     *
     * @param method POST creates records, PUT updates them (the Imports API takes both)
     * @param format the records' body: JSON or a form
     * @param connectTimeout how long connecting may take
     * @param readTimeout how long an answer may take once the request is sent
     * @param sslBundle the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.NAME.truststore.certificate})
     *        whose CA is trusted besides the JDK's: for a private CA or a TLS-inspecting proxy; none by default
     */
    public record Http(
            @DefaultValue("POST") Method method,
            @DefaultValue("JSON") Format format,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout,
            String sslBundle) {}

    /**
     * How fast and how stubbornly rows are sent.
     *
     * @param rate requests per second across all threads, retries included; 0 means unthrottled
     * @param concurrency requests in flight at most; fewer go when the rate and the API's latency need fewer (the
     *        number in flight is also the duplicate bound after a crash)
     * @param chunkSize rows read and checkpointed together
     * @param maxAttempts attempts per row for transient failures (429, 5xx, timeouts, resets), the first included
     * @param initialBackoff the wait before a row's second attempt; it doubles, with jitter, up to maxBackoff
     * @param maxBackoff the longest wait between two attempts of a row
     * @param maxRetryAfter the longest Retry-After honoured; a longer one is capped
     * @param failFastAfter the same non-row-specific failure this many times in a row stops the run
     */
    public record Sending(
            @DefaultValue("20") int rate,
            @DefaultValue("128") int concurrency,
            @DefaultValue("200") int chunkSize,
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("120s") Duration maxRetryAfter,
            @DefaultValue("10") int failFastAfter) {}

    /**
     * The inbound mapping the configuration reference points at, and how CSV columns reach it.
     *
     * @param fields the field names the mapping lists (case sensitive)
     * @param required the fields that must have a value
     * @param columns CSV heading to mapping field, for CRM exports whose headings differ
     * @param ignoreColumns CSV headings to leave out on purpose
     * @param maxLength the longest value accepted, in characters
     * @param configuration the mapping's reference (a UUID), when not the global one (CUSTOMERGAUGE_CONFIGURATION)
     */
    public record Mapping(
            @DefaultValue({"Account Name", "Alias"}) List<String> fields,
            @DefaultValue({"Account Name", "Alias"}) List<String> required,
            Map<String, String> columns,
            List<String> ignoreColumns,
            @DefaultValue("128") int maxLength,
            String configuration) {

        public Mapping {
            columns = columns == null ? Map.of() : Map.copyOf(columns);
            ignoreColumns = ignoreColumns == null ? List.of() : List.copyOf(ignoreColumns);
        }
    }

    /**
     * How CSV files are read, and how report CSVs are written so that they can be imported as they are.
     *
     * @param delimiter one character, or "tab"
     * @param encoding the files' character set when they carry no byte order mark
     */
    public record Csv(
            @DefaultValue(",") String delimiter,
            @DefaultValue("UTF-8") String encoding) {

        /** These settings with the command line's delimiter and encoding, where given. */
        public Csv withOverrides(String delimiter, String encoding) {
            return new Csv(delimiter != null ? delimiter : this.delimiter, encoding != null ? encoding : this.encoding);
        }

        public char delimiterChar() {
            return switch (delimiter) {
                case "\\t", "tab", "TAB" -> '\t';
                default -> {
                    if (delimiter.length() != 1) {
                        throw new ConfigurationException(
                                "the CSV delimiter must be one character (or \"tab\"), not" + " \"" + delimiter + "\"");
                    }
                    yield delimiter.charAt(0);
                }
            };
        }

        public Charset charset() {
            try {
                return Charset.forName(encoding);
            } catch (RuntimeException e) {
                throw new ConfigurationException("unknown file encoding \"" + encoding + "\"");
            }
        }
    }
}
