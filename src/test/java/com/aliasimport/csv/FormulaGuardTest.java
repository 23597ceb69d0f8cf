package com.aliasimport.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormulaGuardTest {

    @Test
    void aValueASpreadsheetWouldRunGetsOneApostrophe() {
        assertThat(FormulaGuard.neutralise("=1+1")).isEqualTo("'=1+1");
        assertThat(FormulaGuard.neutralise("+49 30")).isEqualTo("'+49 30");
        assertThat(FormulaGuard.neutralise("-ACME")).isEqualTo("'-ACME");
        assertThat(FormulaGuard.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(FormulaGuard.neutralise("\t=cmd")).isEqualTo("'\t=cmd");
        assertThat(FormulaGuard.neutralise("\r=cmd")).isEqualTo("'\r=cmd");
    }

    @Test
    void anApostropheBeforeATriggerGetsOneMoreSoTheRoundTripIsExact() {
        assertThat(FormulaGuard.neutralise("'=1+1")).isEqualTo("''=1+1");
        assertThat(FormulaGuard.restore("''=1+1")).isEqualTo("'=1+1");
    }

    @Test
    void ordinaryValuesAreLeftAlone() {
        for (String v : List.of("ACME", "O'Reilly", "'Twas Ltd", "''", "'", "", "A=B", "1-2", "e@mail")) {
            assertThat(FormulaGuard.neutralise(v)).isEqualTo(v);
            assertThat(FormulaGuard.restore(v)).isEqualTo(v);
        }
    }

    @Test
    void restoreInvertsNeutraliseForEveryShortString() {
        for (String v : strings("'=a\t-", 5)) {
            String cell = FormulaGuard.neutralise(v);
            assertThat(FormulaGuard.restore(cell)).as("[%s]", v).isEqualTo(v);
            char first = cell.isEmpty() ? 'x' : cell.charAt(0);
            assertThat(first).as("[%s]", cell).isNotIn('=', '+', '-', '@', '\t', '\r');
        }
    }

    private static List<String> strings(String alphabet, int maxLength) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> last = List.of("");
        for (int n = 1; n <= maxLength; n++) {
            List<String> next = new ArrayList<>();
            for (String s : last) {
                for (char c : alphabet.toCharArray()) {
                    next.add(s + c);
                }
            }
            all.addAll(next);
            last = next;
        }
        return all;
    }
}
