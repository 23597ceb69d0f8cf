package com.aliasimport.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.config.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderCheckTest {

    private static final AliasImportProperties.Mapping ALIASES = new AliasImportProperties.Mapping(
            List.of("Account Name", "Alias"), List.of("Account Name", "Alias"), Map.of(), List.of(), 128, null);

    private static ColumnBinding bind(List<String> header) {
        return bind(header, Map.of(), List.of());
    }

    private static ColumnBinding bind(List<String> header, Map<String, String> map, List<String> ignore) {
        return new HeaderCheck(InboundMapping.from(ALIASES, map, ignore)).bind("aliases.csv", header);
    }

    @Test
    void bindsMappingFieldsInAnyColumnOrder() {
        ColumnBinding b = bind(List.of("Alias", "Account Name"));
        assertThat(b.fields()).containsExactly("Account Name", "Alias");
        assertThat(b.columnIndexes()).containsExactly(1, 0);
        assertThat(b.headerSize()).isEqualTo(2);
    }

    @Test
    void refusesAMissingRequiredField() {
        assertThatThrownBy(() -> bind(List.of("Account Name")))
                .isInstanceOf(HeaderException.class)
                .hasMessageContaining("aliases.csv")
                .hasMessageContaining("required field \"Alias\" has no column");
    }

    @Test
    void refusesAColumnTheMappingDoesNotList() {
        assertThatThrownBy(() -> bind(List.of("Account Name", "Alias", "Notes")))
                .isInstanceOf(HeaderException.class)
                .hasMessageContaining("column 3 \"Notes\" is not a field of the inbound mapping")
                .hasMessageContaining("silently drop")
                .hasMessageContaining("--ignore-column \"Notes\"");
    }

    @Test
    void aHeaderInAnotherDelimiterSaysWhichDelimiterToSet() {
        assertThatThrownBy(() -> bind(List.of("Account Name;Alias")))
                .isInstanceOf(HeaderException.class)
                .hasMessageContaining("looks delimited by \";\"")
                .hasMessageContaining("alias-import.csv.delimiter");
        assertThatThrownBy(() -> bind(List.of("Account Name\tAlias"))).hasMessageContaining("looks delimited by tabs");
    }

    @Test
    void namesAColumnThatDiffersOnlyInCase() {
        assertThatThrownBy(() -> bind(List.of("account name", "Alias")))
                .isInstanceOf(HeaderException.class)
                .hasMessageContaining(
                        "column 1 \"account name\" differs from the mapping field \"Account Name\"" + " only in case");
    }

    @Test
    void aColumnMapRenamesCrmHeadings() {
        ColumnBinding b = bind(
                List.of("Company", "Alternative Name"),
                Map.of("Company", "Account Name", "Alternative Name", "Alias"),
                List.of());
        assertThat(b.fields()).containsExactly("Account Name", "Alias");
        assertThat(b.columnIndexes()).containsExactly(0, 1);
    }

    @Test
    void aColumnMapCanFixCase() {
        ColumnBinding b = bind(List.of("account name", "Alias"), Map.of("account name", "Account Name"), List.of());
        assertThat(b.columnIndexes()).containsExactly(0, 1);
    }

    @Test
    void ignoredColumnsAndTheReportsOwnColumnsAreLeftOut() {
        ColumnBinding b = bind(
                List.of("Account Name", "Notes", "Alias", "_line", "_failure", "_message"), Map.of(), List.of("Notes"));
        assertThat(b.fields()).containsExactly("Account Name", "Alias");
        assertThat(b.columnIndexes()).containsExactly(0, 2);
        assertThat(b.reportFile()).isTrue();
        assertThat(bind(List.of("Account Name", "Alias"), Map.of(), List.of()).reportFile())
                .isFalse();
    }

    @Test
    void columnsWithoutAHeadingAreLeftOutAndNeverOfferedAMap() {
        // The preflight has made sure they are empty on every line.
        ColumnBinding b = bind(List.of("Account Name", "", "Alias", ""));
        assertThat(b.fields()).containsExactly("Account Name", "Alias");
        assertThat(b.columnIndexes()).containsExactly(0, 2);
        assertThat(b.headerSize()).isEqualTo(4);
    }

    @Test
    void headingsFromTheFileCannotPutControlCharactersIntoTheMessage() {
        assertThatThrownBy(() -> bind(List.of("Account Name", "Alias", "No\ttes\r\nx\u001B[31m")))
                .isInstanceOf(HeaderException.class)
                .hasMessageContaining("column 3 \"No\\u0009tes x\\u001B[31m\" is not a field")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
    }

    @Test
    void twoColumnsForOneFieldAreRefused() {
        assertThatThrownBy(() ->
                        bind(List.of("Company", "Account Name", "Alias"), Map.of("Company", "Account Name"), List.of()))
                .isInstanceOf(HeaderException.class)
                .hasMessageContaining("both give the field \"Account Name\"");
    }

    @Test
    void aColumnMapToAnUnknownFieldIsAConfigurationError() {
        assertThatThrownBy(() -> InboundMapping.from(ALIASES, Map.of("Company", "Acount Name"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("\"Acount Name\", which is not a field");
    }
}
