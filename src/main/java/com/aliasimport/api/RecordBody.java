package com.aliasimport.api;

import com.aliasimport.config.AliasImportProperties.Format;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Encodes one record the two ways the Imports API documents: a JSON body or {@code record[Field]=} form fields. */
final class RecordBody {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Format format;
    private final String configuration;

    RecordBody(Format format, String configuration) {
        this.format = format;
        this.configuration = configuration;
    }

    MediaType contentType() {
        return format == Format.JSON
                ? MediaType.APPLICATION_JSON
                : new MediaType(MediaType.APPLICATION_FORM_URLENCODED, StandardCharsets.UTF_8);
    }

    byte[] encode(Map<String, String> record) {
        if (format == Format.JSON) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("configuration", configuration);
            body.put("record", record);
            return JSON.writeValueAsBytes(body);
        }
        StringBuilder form = new StringBuilder("configuration=").append(encode(configuration));
        record.forEach((field, value) -> form.append("&")
                .append(encode("record[" + field + "]"))
                .append("=")
                .append(encode(value)));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
