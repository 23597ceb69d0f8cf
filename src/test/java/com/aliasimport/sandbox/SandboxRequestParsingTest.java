package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Body parsing on its own, for the corner cases that are clumsy to reach over HTTP. */
class SandboxRequestParsingTest {

    @Test
    void formFieldNamesMayHoldSpacesAndOpeningBrackets() throws Exception {
        RecordsBody request = form("configuration=c&record[Account Name]=A&record[Alias [old]=B&record[]=x");

        assertThat(request.configuration()).isEqualTo("c");
        assertThat(request.record())
                .containsExactly(Map.entry("Account Name", "A"), Map.entry("Alias [old", "B"), Map.entry("", "x"));
    }

    @Test
    void formLastValueWinsAndUnknownTopLevelNamesAreIgnored() throws Exception {
        RecordsBody request = form("configuration=a&configuration=b&token=x&record[Alias]=1&record[Alias]=2&&");

        assertThat(request.configuration()).isEqualTo("b");
        assertThat(request.record()).containsExactly(Map.entry("Alias", "2"));
    }

    @Test
    void formWithoutRecordFieldsHasNoRecord() throws Exception {
        assertThat(form("configuration=c").record()).isNull();
        assertThat(form("configuration=c&record=ACME").record()).isNull();
        assertThat(form("").configuration()).isNull();
    }

    @Test
    void formDecodesPlusAndEscapesStrictly() throws Exception {
        assertThat(form("record%5BAccount%20Name%5D=Caf%C3%A9+Noir").record())
                .containsExactly(Map.entry("Account Name", "Café Noir"));
        assertThat(form("record[Account Name]=Café Ω 😀").record())
                .containsExactly(Map.entry("Account Name", "Café Ω 😀"));
        assertThatThrownBy(() -> form("configuration=%C3%28")).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> form("configuration=%4")).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> RecordsBodyParser.parseForm(new byte[] {'a', '=', (byte) 0xff}))
                .isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void jsonEmptyBodyIsNoInputAndNullOrEmptyValuesAreMissing() throws Exception {
        assertThat(json("  ")).isEqualTo(new RecordsBody(null, null));
        RecordsBody request = json("{\"configuration\":null,\"record\":{\"a\":null,\"b\":[],\"c\":[1],\"d\":1.5}}");

        assertThat(request.configuration()).isNull();
        assertThat(request.record())
                .containsEntry("a", null)
                .containsEntry("b", null)
                .containsEntry("c", "[1]")
                .containsEntry("d", "1.5");
    }

    @Test
    void contentTypesAreMatchedWithoutParameters() {
        assertThat(RecordsBodyParser.isJson("application/json")).isTrue();
        assertThat(RecordsBodyParser.isJson("application/vnd.api+json")).isTrue();
        assertThat(RecordsBodyParser.isForm("application/x-www-form-urlencoded"))
                .isTrue();
        assertThat(RecordsBodyParser.isJson("text/plain")).isFalse();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(RetryAfterHeader.secondsRoundedUp(java.time.Duration.ZERO)).isZero();
        assertThat(RetryAfterHeader.secondsRoundedUp(java.time.Duration.ofMillis(1)))
                .isEqualTo(1);
        assertThat(RetryAfterHeader.secondsRoundedUp(java.time.Duration.ofSeconds(2)))
                .isEqualTo(2);
        assertThat(RetryAfterHeader.secondsRoundedUp(java.time.Duration.ofMillis(2001)))
                .isEqualTo(3);
    }

    private static RecordsBody form(String body) throws MalformedBodyException {
        return RecordsBodyParser.parseForm(body.getBytes(StandardCharsets.UTF_8));
    }

    private static RecordsBody json(String body) throws MalformedBodyException {
        return RecordsBodyParser.parseJson(body.getBytes(StandardCharsets.UTF_8));
    }
}
