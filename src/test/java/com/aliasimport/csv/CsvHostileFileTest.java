package com.aliasimport.csv;

import static com.aliasimport.csv.CsvTestFiles.bytes;
import static com.aliasimport.csv.CsvTestFiles.refused;
import static com.aliasimport.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that must be refused whole, with the line (and column where promised) in a one-line message. */
class CsvHostileFileTest {

    private static final String HEADER = "Account Name,Alias\n";

    @TempDir
    Path dir;

    @Test
    void invalidUtf8InTheMiddleOfLine3() {
        // 0xC3 starts a two-byte sequence; '(' cannot continue it.
        Path file = write(dir, "aliases.csv", bytes(HEADER, "ACME,ACME Corp\n", "Globex,Glo", 0xC3, "(bex\n", "x,y\n"));

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(11);
        assertThat(e.getMessage())
                .startsWith(file + ": line 3, column 11: not valid UTF-8 (byte 0xC3)")
                .contains("save the file as UTF-8 or set the file encoding");
    }

    @Test
    void windows1252AccentReadAsUtf8() {
        Path file = write(dir, "excel.csv", bytes(HEADER, "Caf", 0xE9, " Rouge,Cafe Rouge Ltd\n"));

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.getMessage())
                .contains("line 2, column 4: not valid UTF-8 (byte 0xE9)")
                .contains("\"é\"");
    }

    @Test
    void invalidByteAfterMultiLineQuotedValueAndCrlfCountsPhysicalLines() {
        Path file = write(
                dir,
                "multi.csv",
                bytes("Account Name,Alias\r\n", "\"ACME\r\nInc\",x\r\n", "\r\n", "Tokyo,東京", 0xFF, "\r\n"));

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(9); // code points, not bytes: "Tokyo,東京" is 8 characters
        assertThat(e.getMessage()).contains("byte 0xFF");
    }

    @Test
    void truncatedMultiByteSequenceAtEndOfFile() {
        // 東 is E6 9D B1; the file ends after two of its three bytes.
        Path file = write(dir, "cut.csv", bytes(HEADER, "Tokyo,Tok", 0xE6, 0x9D));

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(10);
        assertThat(e.getMessage()).contains("bytes 0xE6 0x9D").contains("end of the file");
    }

    @Test
    void nulByte() {
        Path file = write(dir, "nul.csv", bytes(HEADER, "ACME,AC", 0x00, "ME\n"));

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.getMessage()).contains("line 2, column 8: a NUL character");
    }

    @Test
    void utf16LittleEndianWithoutByteOrderMarkSaysSoInOneReadableLine() {
        Path file = write(dir, "utf16-nobom.csv", (HEADER + "Müller,Müller AG\n").getBytes(StandardCharsets.UTF_16LE));

        CsvFileException e = refused(file);

        assertThat(e.getMessage())
                .isEqualTo(file + " looks like UTF-16 (little-endian) without a byte order mark:"
                        + " save it as UTF-8 (in Excel: \"CSV UTF-8\") or pass --encoding UTF-16LE")
                .doesNotContain("\0");
    }

    @Test
    void utf16BigEndianWithoutByteOrderMarkSaysSo() {
        Path file = write(dir, "utf16be-nobom.csv", (HEADER + "東京,東京\n").getBytes(StandardCharsets.UTF_16BE));

        assertThat(refused(file).getMessage())
                .isEqualTo(file + " looks like UTF-16 (big-endian) without a byte order"
                        + " mark: save it as UTF-8 (in Excel: \"CSV UTF-8\") or pass --encoding UTF-16BE");
    }

    @Test
    void invalidUtf16AfterAByteOrderMarkIsLocatedInUtf16() {
        // 0xDC00 is the second half of a surrogate pair with no first half.
        Path file = write(
                dir,
                "utf16-bad.csv",
                bytes(
                        0xFF,
                        0xFE,
                        (HEADER + "ACME,AC").getBytes(StandardCharsets.UTF_16LE),
                        0x00,
                        0xDC,
                        "E\n".getBytes(StandardCharsets.UTF_16LE)));

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.getMessage()).contains("line 2, column 8: not valid UTF-16LE (bytes 0x00 0xDC)");
    }

    @Test
    void theRoughHeaderOfAFileTheStrictPassRefusedNeverMakesNamesOfGarbage() {
        CsvSettings utf8 = CsvSettings.defaults();
        assertThat(CsvPreflight.roughHeader(write(dir, "semi.csv", "Account Name;Alias\nA;\"b\n"), utf8))
                .containsExactly("Account Name;Alias");
        assertThat(CsvPreflight.roughHeader(
                        write(
                                dir,
                                "le.csv",
                                bytes(0xFF, 0xFE, "Account Name,Alias\r\n".getBytes(StandardCharsets.UTF_16LE))),
                        utf8))
                .containsExactly("Account Name", "Alias");
        assertThat(CsvPreflight.roughHeader(
                        write(dir, "nobom.csv", "Account Name,Alias\n".getBytes(StandardCharsets.UTF_16LE)), utf8))
                .isEmpty();
        assertThat(CsvPreflight.roughHeader(write(dir, "blank-first.csv", "\nAccount Name,Alias\n"), utf8))
                .isEmpty();
        assertThat(CsvPreflight.roughHeader(write(dir, "nothing.csv", new byte[0]), utf8))
                .isEmpty();
        assertThat(CsvPreflight.roughHeader(write(dir, "one-long-line.csv", "x".repeat(100_000)), utf8))
                .isEmpty();
    }

    @Test
    void aFewNulBytesAreABinaryFileNotUtf16() {
        Path file = write(dir, "binary.csv", bytes(HEADER, "ACME,", 0, 0, 0, 0, "x\n"));

        CsvFileException e = refused(file);

        assertThat(e.getMessage())
                .isEqualTo(file + ": line 2, column 6: a NUL character (U+0000): this is a binary"
                        + " file, or text in another encoding, not a CSV text file; save it as CSV UTF-8");
    }

    @Test
    void unterminatedQuoteOnTheLastLine() {
        Path file = write(dir, "aliases.csv", HEADER + "ACME,ACME Corp\nGlobex,Globex\nInitech,\"Initech\n");

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.getMessage())
                .isEqualTo(file + ": line 4, column 9: a quoted value starts here (field 2) and is never "
                        + "closed (unterminated quote)");
    }

    @Test
    void unterminatedQuoteInTheMiddleSwallowsTheRestOfTheFile() {
        Path file = write(
                dir, "aliases.csv", HEADER + "ACME,ACME Corp\n\"Globex,Globex\nInitech,Initech\nUmbrella,Umbrella\n");

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage())
                .contains("line 3, column 1: a quoted value starts here (field 1) and is never closed");
    }

    @Test
    void missingClosingQuoteThatALaterQuoteAppearsToCloseNamesBothPlaces() {
        Path file = write(dir, "aliases.csv", HEADER + "ACME,\"ACME Corp\nGlobex,Globex\nInitech,\"Initech\"\n");

        CsvFileException e = refused(file);

        // The quote opened on line 2 is "closed" by the first quote on line 4, followed by text.
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(10);
        assertThat(e.getMessage())
                .contains("text after the closing quote")
                .contains("started on line 2, column 6: is a closing quote missing there?");
    }

    @Test
    void runawayQuoteIsRefusedWithoutBufferingTheRestOfTheFile() {
        String filler = "Globex,Globex Corporation\n".repeat(StrictQuoteReader.MAX_RECORD_CHARS / 20);
        Path file = write(dir, "runaway.csv", HEADER + "ACME,\"ACME Corp\n" + filler);

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(6);
        assertThat(e.getMessage()).contains("is its closing quote missing?");
    }

    @Test
    void spaceBeforeAnOpeningQuoteWouldSendTheQuotes() {
        // Commons CSV (and Python's csv module) reads this as the value ` "ACME Corp"`, quotes included.
        Path file = write(dir, "aliases.csv", HEADER + "ACME, \"ACME Corp\"\n");

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.getMessage())
                .isEqualTo(
                        file + ": line 2, column 7: a space before an opening quote; remove it"
                                + " (a quoted value must start right after the delimiter, or the quotes become part of the value)");
    }

    @Test
    void spacesBeforeAQuotedValueWithADelimiterInItAreRefusedNotSplit() {
        // Read literally, this would be three values: `ACME`, ` "ACME` and ` Inc"`.
        Path file = write(dir, "aliases.csv", HEADER + "ACME,  \"ACME, Inc\"\n");

        assertThat(refused(file).getMessage()).contains("line 2, column 8: a space before an opening quote");
    }

    @Test
    void textAfterAClosingQuote() {
        Path file = write(dir, "aliases.csv", HEADER + "ACME,\"ACME\" Corp\n");

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(13); // the space after the quote is allowed; "C" is not
        assertThat(e.getMessage())
                .isEqualTo(file + ": line 2, column 13: text after the closing quote of a value;"
                        + " a quote inside a quoted value must be doubled (\"\")");
    }

    @Test
    void textRightAfterAClosingQuoteIsRefusedNotJoined() {
        // Python's csv module would send `abc`, dropping the quotes without a word.
        Path file = write(dir, "aliases.csv", HEADER + "ACME,\"ab\"c\n");

        CsvFileException e = refused(file);

        assertThat(e.column()).isEqualTo(10);
        assertThat(e.getMessage()).contains("line 2, column 10: text after the closing quote");
    }

    @Test
    void duplicateHeaderNames() {
        Path file = write(dir, "aliases.csv", "Account Name,Alias,Region, Alias \nACME,a,eu,b\n");

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage())
                .isEqualTo(file + ": line 1: the header has two columns named \"Alias\" (columns 2 and 4)");
    }

    @Test
    void aValueInAColumnWithoutAHeadingIsRefusedNamingTheColumnAndTheLine() {
        Path file = write(
                dir,
                "aliases.csv",
                "Account Name,Alias,\nACME,ACME Corp,\n\"Globex\nInc\",Globex, \n"
                        + "Initech,Initech,Owner: Jane\nUmbrella,Umbrella,\n");

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage())
                .isEqualTo(file + ": line 5: column 3 has no heading but this line has a value in"
                        + " it: give the column a heading and --map it to a field (or --ignore-column it), or remove the"
                        + " column");
    }

    @Test
    void aValueInAnUnnamedColumnBetweenNamedOnesIsRefused() {
        Path file = write(dir, "aliases.csv", "Account Name,,Alias\nACME,,ACME Corp\nGlobex,x,Globex\n");

        assertThat(refused(file).getMessage()).contains("line 3: column 2 has no heading");
    }

    @Test
    void headerAfterBlankLinesIsReportedOnItsOwnLine() {
        Path file = write(dir, "aliases.csv", "\n\nAlias,Account Name,Alias\n");

        assertThat(refused(file).line()).isEqualTo(3);
    }

    @Test
    void emptyFile() {
        Path file = write(dir, "empty.csv", new byte[0]);

        assertThat(refused(file).getMessage())
                .isEqualTo(file + " is empty: expected a header line such as \"Account Name,Alias\"");
    }

    @Test
    void fileWithOnlyAUtf8ByteOrderMarkIsEmpty() {
        Path file = write(dir, "bom-only.csv", bytes(0xEF, 0xBB, 0xBF));

        assertThat(refused(file).getMessage()).startsWith(file + " is empty");
    }

    @Test
    void whitespaceOnlyFile() {
        Path file = write(dir, "blank.csv", "  \n\r\n \t \n\n");

        assertThat(refused(file).getMessage()).startsWith(file + " has only blank lines: expected a header line");
    }

    @Test
    void emptyFileExampleUsesTheConfiguredDelimiter() {
        Path file = write(dir, "empty.csv", new byte[0]);

        assertThat(refused(file, new CsvSettings(';', StandardCharsets.UTF_8)).getMessage())
                .contains("\"Account Name;Alias\"");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("missing.csv");

        assertThat(refused(file).getMessage()).isEqualTo("cannot read " + file + ": no such file");
    }

    @Test
    void controlCharactersInTheFileNameAreShownEscaped() {
        Path file = dir.resolve("tab\there\u001B[2J.csv");

        CsvFileException e =
                catchThrowableOfType(CsvFileException.class, () -> new CsvPreflight(CsvSettings.defaults()).run(file));

        assertThat(e.getMessage())
                .isEqualTo("cannot read " + dir + "/tab\\u0009here\\u001B[2J.csv: no such file")
                .doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void directory() throws Exception {
        Path file = Files.createDirectory(dir.resolve("folder.csv"));

        assertThat(refused(file).getMessage()).isEqualTo("cannot read " + file + ": it is a directory");
    }

    @Test
    void byteUndefinedInWindows1252() {
        Path file = write(dir, "ansi.csv", bytes(HEADER, "ACME,AC", 0x81, "ME\n"));

        CsvFileException e = refused(file, new CsvSettings(',', Charset.forName("windows-1252")));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.getMessage()).contains("not valid windows-1252 (byte 0x81)");
    }

    @Test
    void utf8ByteOrderMarkContradictsAWindows1252Setting() {
        Path file = write(dir, "bom.csv", bytes(0xEF, 0xBB, 0xBF, HEADER));

        CsvFileException e = refused(file, new CsvSettings(',', Charset.forName("windows-1252")));

        assertThat(e.getMessage()).contains("UTF-8 byte order mark").contains("windows-1252");
    }

    @Test
    void headerNamesFromTheFileCannotBreakTheMessageOverLines() {
        Path file = write(dir, "aliases.csv", "\"Ali\nas\",Account Name,\"Ali\nas\"\n");

        assertThat(refused(file).getMessage()).contains("named \"Ali\\nas\" (columns 1 and 3)");
    }
}
