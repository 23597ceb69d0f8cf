package com.aliasimport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliasimport.config.AliasImportProperties.Format;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Configuration is checked before anything is sent: one line that says what to fix, and secrets never shown. */
class SettingsResolverTest {

    private static final String REFERENCE = "9dd58237-c913-4073-9c76-07da0b49ff50";

    private static AliasImportProperties properties(
            String region, String id, String secret, String configuration, URI tokenUrl, URI importsUrl) {
        return new AliasImportProperties(
                region,
                id,
                secret,
                configuration,
                tokenUrl,
                importsUrl,
                null,
                new AliasImportProperties.Http(
                        AliasImportProperties.Method.POST,
                        Format.JSON,
                        java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(30),
                        null),
                new AliasImportProperties.Sending(
                        20,
                        8,
                        200,
                        6,
                        java.time.Duration.ofMillis(500),
                        java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofSeconds(120),
                        10),
                new AliasImportProperties.Mapping(
                        List.of("Account Name", "Alias"),
                        List.of("Account Name", "Alias"),
                        Map.of(),
                        List.of(),
                        128,
                        null),
                null,
                new AliasImportProperties.Csv(",", "UTF-8"),
                java.nio.file.Path.of("data/journal"));
    }

    private static ApiSettings resolve(AliasImportProperties p, MockEnvironment env) {
        return new SettingsResolver(p, env).apiSettings(null);
    }

    @Test
    void theRegionGivesBothUrls() {
        ApiSettings s = resolve(properties("us", "id", "secret", REFERENCE, null, null), new MockEnvironment());
        assertThat(s.endpoints().tokenUrl()).hasToString("https://auth.us.customergauge.com/oauth2/token");
        assertThat(s.endpoints().importsUrl()).hasToString("https://imports.api.us.customergauge.com/records/");
        assertThat(s.clientSecret()).hasToString("****");
    }

    @Test
    void anUnknownRegionIsRefused() {
        assertThatThrownBy(
                        () -> resolve(properties("asia", "id", "secret", REFERENCE, null, null), new MockEnvironment()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown region \"asia\"")
                .hasMessageContaining("eu, us or au");
    }

    @Test
    void missingCredentialsNameTheVariables() {
        assertThatThrownBy(() -> resolve(properties("eu", "", "secret", REFERENCE, null, null), new MockEnvironment()))
                .hasMessageContaining("CUSTOMERGAUGE_CLIENT_ID")
                .hasMessageContaining("--dry-run or --sandbox");
        assertThatThrownBy(() -> resolve(properties("eu", "id", " ", REFERENCE, null, null), new MockEnvironment()))
                .hasMessageContaining("CUSTOMERGAUGE_CLIENT_SECRET");
    }

    @Test
    void aSecretCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-a-file\n");
        var env = new MockEnvironment().withProperty("CUSTOMERGAUGE_CLIENT_SECRET_FILE", file.toString());
        ApiSettings s = resolve(properties("eu", "id", null, REFERENCE, null, null), env);
        assertThat(s.clientSecret().reveal()).isEqualTo("from-a-file");

        var missing = new MockEnvironment().withProperty("CUSTOMERGAUGE_CLIENT_SECRET_FILE", "/no/such/file");
        assertThatThrownBy(() -> resolve(properties("eu", "id", null, REFERENCE, null, null), missing))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void aMalformedConfigurationReferenceIsRefused() {
        assertThatThrownBy(() ->
                        resolve(properties("eu", "id", "secret", "my-mapping", null, null), new MockEnvironment()))
                .hasMessageContaining("\"my-mapping\" is not an inbound mapping reference");
        assertThatThrownBy(() -> resolve(properties("eu", "id", "secret", null, null, null), new MockEnvironment()))
                .hasMessageContaining("CUSTOMERGAUGE_CONFIGURATION");
    }

    @Test
    void plainHttpIsAllowedToThisMachineOnly() {
        URI local = URI.create("http://127.0.0.1:8089/records/");
        URI localToken = URI.create("http://localhost:8089/oauth2/token");
        assertThat(resolve(properties("eu", "id", "s", REFERENCE, localToken, local), new MockEnvironment())
                        .endpoints()
                        .importsUrl())
                .isEqualTo(local);
        assertThatThrownBy(() -> resolve(
                        properties(
                                "eu",
                                "id",
                                "s",
                                REFERENCE,
                                localToken,
                                URI.create("http://imports.example.com/records/")),
                        new MockEnvironment()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("plain http to another host");
    }

    @Test
    void sendingLimitsAreChecked() {
        var resolver = new SettingsResolver(properties("eu", "id", "s", REFERENCE, null, null), new MockEnvironment());
        assertThat(resolver.sendSettings(5, null, null).rate()).isEqualTo(5);
        assertThatThrownBy(() -> resolver.sendSettings(-1, null, null)).hasMessageContaining("--rate");
        assertThatThrownBy(() -> resolver.sendSettings(null, 0, null)).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> resolver.sendSettings(null, null, 0)).hasMessageContaining("--chunk-size");
    }
}
