package com.aliasimport.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.csv.CsvRow;
import com.aliasimport.outcome.RowProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowClassifierTest {

    private final InboundMapping mapping = InboundMapping.from(
            new AliasImportProperties.Mapping(
                    List.of("Account Name", "Alias"), List.of("Account Name", "Alias"), Map.of(), List.of(), 10, null),
            Map.of(),
            List.of());
    private final RowClassifier classifier =
            new RowClassifier(new HeaderCheck(mapping).bind("f.csv", List.of("Account Name", "Alias")), mapping, 100);

    @Test
    void trimsValuesAndKeepsMappingFieldNames() {
        ClassifiedRow row = classifier.classify(2, List.of("  ACME ", "\tAcme Corp  "));
        assertThat(row.isValid()).isTrue();
        assertThat(row.record()).containsExactly(Map.entry("Account Name", "ACME"), Map.entry("Alias", "Acme Corp"));
        assertThat(row.line()).isEqualTo(2);
    }

    @Test
    void aBlankRequiredValueIsInvalid() {
        ClassifiedRow row = classifier.classify(3, List.of("ACME", "   "));
        assertThat(row.problem().kind()).isEqualTo(RowProblem.Kind.INVALID);
        assertThat(row.problem().message()).isEqualTo("\"Alias\" is blank");
    }

    @Test
    void controlCharactersInsideAValueAreInvalid() {
        ClassifiedRow row = classifier.classify(4, List.of("AC\u0007ME", "x"));
        assertThat(row.problem().message())
                .contains("control character (U+0007)")
                .contains("\"Account Name\"");
        assertThat(classifier.classify(5, List.of("A\nB", "x")).problem().message())
                .contains("U+000A");
    }

    @Test
    void valuesOverTheLengthLimitAreInvalidCountingCharactersNotBytes() {
        assertThat(classifier.classify(6, List.of("東京海上日動火災保険", "x")).isValid()).isTrue(); // 10 characters
        ClassifiedRow tooLong = classifier.classify(7, List.of("ABCDEFGHIJK", "x"));
        assertThat(tooLong.problem().message()).isEqualTo("\"Account Name\" is 11 characters long; the limit is 10");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsInvalid() {
        assertThat(classifier
                        .classify(8, List.of("ACME", "Acme", "extra"))
                        .problem()
                        .message())
                .isEqualTo("the line has 3 values but the header has 2 columns");
        assertThat(classifier.classify(9, List.of("ACME")).problem().message())
                .isEqualTo("the line has 1 value but the header has 2 columns");
    }

    @Test
    void anExactRepeatOfAnEarlierValidRowIsADuplicateNamingThatLine() {
        assertThat(classifier.classify(2, List.of("ACME", "Acme")).isValid()).isTrue();
        assertThat(classifier.classify(3, List.of("ACME", "Acme Corp")).isValid())
                .isTrue();
        ClassifiedRow again = classifier.classify(4, List.of(" ACME", "Acme "));
        assertThat(again.problem().kind()).isEqualTo(RowProblem.Kind.DUPLICATE);
        assertThat(again.problem().message()).isEqualTo("same values as line 2");
        // Case differs: a different alias as far as CustomerGauge is concerned.
        assertThat(classifier.classify(5, List.of("ACME", "acme")).isValid()).isTrue();
    }

    @Test
    void aRecordTheReaderCouldNotTakeWholeIsInvalidWithTheReadersMessageAndIsNoDuplicatesOriginal() {
        String problem = "the record is 1,234,567 characters long; the limit is 1,048,576";
        ClassifiedRow row = classifier.classify(new CsvRow(12, 5, List.of(" ACME ", "Acme"), problem));
        assertThat(row.problem()).isEqualTo(new RowProblem(RowProblem.Kind.INVALID, problem));
        assertThat(row.line()).isEqualTo(12);
        assertThat(row.record()).containsExactly(Map.entry("Account Name", "ACME"), Map.entry("Alias", "Acme"));
        assertThat(classifier
                        .classify(new CsvRow(13, 6, List.of("ACME", "Acme")))
                        .isValid())
                .isTrue();
    }

    @Test
    void invalidRowsDoNotHideALaterValidRow() {
        assertThat(classifier.classify(2, List.of("ACME", "")).isValid()).isFalse();
        assertThat(classifier.classify(3, List.of("ACME", "")).problem().kind()).isEqualTo(RowProblem.Kind.INVALID);
    }

    @Test
    void theDuplicateIndexGrowsPastItsExpectedSizeWithoutLosingRows() {
        DuplicateIndex index = new DuplicateIndex(10);
        for (int i = 0; i < 50_000; i++) {
            assertThat(index.firstLineOf(Map.of("k", "v" + i), i)).isEqualTo(-1);
        }
        for (int i = 0; i < 50_000; i += 997) {
            assertThat(index.firstLineOf(Map.of("k", "v" + i), 100_000 + i)).isEqualTo(i);
        }
        assertThat(index.size()).isEqualTo(50_000);
        assertThat(index.capacity()).isGreaterThan(50_000);
    }

    @Test
    void theDuplicateIndexSizedForTheFileNeverGrows() {
        DuplicateIndex index = new DuplicateIndex(100_000);
        int capacity = index.capacity();
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.firstLineOf(Map.of("k", "v" + i), i + 2)).isEqualTo(-1);
        }
        assertThat(index.firstLineOf(Map.of("k", "v" + 99_999), 200_000)).isEqualTo(100_001);
        assertThat(index.capacity()).as("one allocation").isEqualTo(capacity);
        assertThat(capacity).as("slots for 100,000 rows").isLessThan(140_000);
    }

    @Test
    void aReportFilesEscapedValuesAreReadBackAsTheyWereAndOtherFilesAreReadAsTheyAre() {
        RowClassifier report = new RowClassifier(
                new HeaderCheck(mapping).bind("r.csv", List.of("Account Name", "Alias", "_line", "_failure")),
                mapping,
                10);
        assertThat(report.classify(2, List.of("'=ACME", " ''-x ", "7", "REJECTED"))
                        .record())
                .containsExactly(Map.entry("Account Name", "=ACME"), Map.entry("Alias", "'-x"));
        assertThat(report.classify(3, List.of("'Twas", "O'Neil", "8", "REJECTED"))
                        .record())
                .containsExactly(Map.entry("Account Name", "'Twas"), Map.entry("Alias", "O'Neil"));
        assertThat(classifier.classify(4, List.of("'=ACME", "x")).record()).containsEntry("Account Name", "'=ACME");
    }
}
