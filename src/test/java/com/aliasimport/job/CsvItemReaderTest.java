package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.csv.CsvRow;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.outcome.RowProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;

/**
 * The reader of every file job on its own, with Spring Batch's test metadata: a row may make several items (an
 * anonymize check's email and telephone), and the checkpoint must never pass an item that has no outcome yet,
 * even when a chunk ends between a row's items.
 */
class CsvItemReaderTest {

    @TempDir
    Path dir;

    /** Two items per value separated by '|': their lines are 2 x the file line plus 0, 1, ... */
    record Item(long line, long fileLine, String payload) implements SendItem<String> {

        @Override
        public Map<String, String> values() {
            return Map.of("value", payload);
        }

        @Override
        public RowProblem problem() {
            return payload.isBlank() ? RowProblem.invalid("blank") : null;
        }
    }

    static List<Item> items(CsvRow row) {
        List<Item> items = new ArrayList<>();
        String[] parts = row.values().get(0).split("\\|", -1);
        for (int i = 0; i < parts.length; i++) {
            items.add(new Item(row.line() * 2 + i, row.line(), parts[i]));
        }
        return items;
    }

    private final AtomicReference<OptionalLong> oldestPending = new AtomicReference<>(OptionalLong.empty());
    private final RunProgress progress = new RunProgress(10);

    private CsvItemReader<Item> reader(Path file, long limit, DoneLines done) {
        return new CsvItemReader<>(
                file,
                new CsvSettings(',', StandardCharsets.UTF_8),
                CsvItemReaderTest::items,
                limit,
                progress,
                Rewind.NONE,
                done,
                oldestPending::get);
    }

    private Path file(String... lines) throws Exception {
        Path file = dir.resolve("items.csv");
        List<String> all = new ArrayList<>(List.of("value"));
        all.addAll(List.of(lines));
        Files.write(file, all, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aChunkEndingBetweenARowsItemsKeepsTheCheckpointBeforeTheRow() throws Exception {
        CsvItemReader<Item> reader = reader(file("a|b", "c"), 0, DoneLines.NONE);
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        reader.beforeStep(step);
        ExecutionContext context = step.getExecutionContext();
        reader.open(context);

        assertThat(reader.read().payload()).isEqualTo("a");
        reader.update(context); // "a" has its outcome, "b" has not even been handed out
        assertThat(context.getLong(CsvItemReader.POSITION)).isZero();

        assertThat(reader.read().payload()).isEqualTo("b");
        oldestPending.set(OptionalLong.of(5)); // "b" (line 2 x 2 + 1) is in flight
        reader.update(context);
        assertThat(context.getLong(CsvItemReader.POSITION)).isZero();

        oldestPending.set(OptionalLong.empty());
        reader.update(context);
        assertThat(context.getLong(CsvItemReader.POSITION)).isEqualTo(1);

        assertThat(reader.read().payload()).isEqualTo("c");
        assertThat(reader.read()).isNull();
        assertThat(reader.finished()).isTrue();
        reader.update(context);
        assertThat(context.getLong(CsvItemReader.POSITION)).isEqualTo(2);
        reader.close();
    }

    @Test
    void aResumedSessionPassesOverItemsThatHaveAnOutcome() throws Exception {
        Path file = file("a|b", "c|d");
        // The session before ended with its checkpoint at 0, but "a" and "d" (lines 4 and 7) were done.
        DoneLines done = new DoneLines((from, to) -> Set.of(4L, 7L), 7);
        CsvItemReader<Item> reader = reader(file, 0, done);
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        reader.beforeStep(step);
        reader.open(step.getExecutionContext());

        List<String> read = new ArrayList<>();
        for (Item item = reader.read(); item != null; item = reader.read()) {
            read.add(item.payload());
        }
        assertThat(read).containsExactly("b", "c");
        reader.close();
    }

    @Test
    void aLimitStopsBeforeTheFirstRowPastItAndEndsTheStepResumably() throws Exception {
        CsvItemReader<Item> reader = reader(file(" |x", "y|z", "w"), 1, DoneLines.NONE);
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        reader.beforeStep(step);
        ExecutionContext context = step.getExecutionContext();
        reader.open(context);

        assertThat(reader.read().payload()).isBlank(); // invalid: does not count
        assertThat(reader.read().payload()).isEqualTo("x");
        assertThat(reader.read())
                .as("the next row holds valid items past the limit")
                .isNull();
        assertThat(step.isTerminateOnly()).isTrue();
        reader.update(context);
        assertThat(context.getLong(CsvItemReader.POSITION))
                .as("the next session starts at y|z")
                .isEqualTo(1);
        reader.close();
    }
}
