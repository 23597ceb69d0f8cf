package com.aliasimport.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliasimport.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptanceJournalTest {

    private static final Instant AT = Instant.parse("2026-11-23T04:00:00.123Z");

    @TempDir
    Path dir;

    @Test
    void readsBackWhatWasAppendedAcrossReopens() {
        Path file = dir.resolve("nested/run-1.journal");
        try (AcceptanceJournal journal = AcceptanceJournal.open(file)) {
            journal.append(new AcceptedRow(2, 1, false, AT));
            journal.append(new AcceptedRow(3, 4, true, AT.plusMillis(5)));
        }
        try (AcceptanceJournal journal = AcceptanceJournal.open(file)) {
            journal.append(new AcceptedRow(7, 1, false, AT));
        }

        assertThat(AcceptanceJournal.read(file))
                .containsExactly(
                        new AcceptedRow(2, 1, false, AT),
                        new AcceptedRow(3, 4, true, AT.plusMillis(5)),
                        new AcceptedRow(7, 1, false, AT));
    }

    @Test
    void rowsAcceptedWhileEarlierOnesAreStoredGoToTheNextSegment() {
        Path file = dir.resolve("run-2.journal");
        try (AcceptanceJournal journal = AcceptanceJournal.open(file)) {
            journal.append(new AcceptedRow(2, 1, false, AT));
            Path stored = journal.rotate();
            journal.append(new AcceptedRow(9, 2, false, AT));
            assertThat(AcceptanceJournal.read(file))
                    .as("both segments until the first is stored")
                    .containsExactly(new AcceptedRow(2, 1, false, AT), new AcceptedRow(9, 2, false, AT));
            AcceptanceJournal.delete(stored);
        }

        assertThat(AcceptanceJournal.read(file)).containsExactly(new AcceptedRow(9, 2, false, AT));
        AcceptanceJournal.deleteAll(file);
        assertThat(AcceptanceJournal.read(file)).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aNewSessionKeepsItsOwnSegmentAndDropsTheOnesItStored() {
        Path file = dir.resolve("run-6.journal");
        try (AcceptanceJournal crashed = AcceptanceJournal.open(file)) {
            crashed.append(new AcceptedRow(4, 1, false, AT));
        }
        try (AcceptanceJournal next = AcceptanceJournal.open(file)) {
            assertThat(AcceptanceJournal.read(file)).containsExactly(new AcceptedRow(4, 1, false, AT));
            next.deleteEarlierSegments();
            next.append(new AcceptedRow(5, 1, false, AT));
        }

        assertThat(AcceptanceJournal.read(file)).containsExactly(new AcceptedRow(5, 1, false, AT));
    }

    @Test
    void aJournalLeftByAnEarlierVersionIsReadFirst() throws IOException {
        Path file = dir.resolve("run-7.journal");
        Files.writeString(file, "3,1,0," + AT.toEpochMilli() + "\n", StandardCharsets.US_ASCII);
        try (AcceptanceJournal journal = AcceptanceJournal.open(file)) {
            journal.append(new AcceptedRow(8, 1, false, AT));
        }

        assertThat(AcceptanceJournal.read(file))
                .containsExactly(new AcceptedRow(3, 1, false, AT), new AcceptedRow(8, 1, false, AT));
    }

    @Test
    void aLineCutShortByACrashIsLeftOutAndTheRestIsRead() throws IOException {
        Path file = dir.resolve("run-3.journal");
        try (AcceptanceJournal journal = AcceptanceJournal.open(file)) {
            journal.append(new AcceptedRow(2, 1, false, AT));
        }
        // The process died in the middle of writing line 3's record: digits of its time are missing.
        Files.writeString(
                dir.resolve("run-3.journal.1"), "3,1,0,17954", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);

        assertThat(AcceptanceJournal.read(file)).containsExactly(new AcceptedRow(2, 1, false, AT));
    }

    @Test
    void noFileMeansNothingJournaled() {
        assertThat(AcceptanceJournal.read(dir.resolve("missing.journal"))).isEmpty();
    }

    @Test
    void concurrentAppendsNeverInterleave() throws Exception {
        Path file = dir.resolve("run-4.journal");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (AcceptanceJournal journal = AcceptanceJournal.open(file)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        journal.append(new AcceptedRow(thread * 1000L + i, 1 + i % 3, i % 2 == 0, AT));
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }

        List<AcceptedRow> rows = AcceptanceJournal.read(file);
        assertThat(rows).hasSize(4000);
        assertThat(rows).extracting(AcceptedRow::line).doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(row -> assertThat(row.at()).isEqualTo(AT));
    }

    @Test
    void aFolderThatCannotBeWrittenIsASettingToFix() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> AcceptanceJournal.open(notAFolder.resolve("journal/run-5.journal")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("run-5.journal")
                .hasMessageContaining("alias-import.journal-dir");
    }
}
