package com.aliasimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which failures are a full disk, and which folder the line names. */
class FullDiskTest {

    @TempDir
    Path home;

    @Test
    void namesTheFolderTheFailureNamesAmongOurs() {
        Path journal = home.resolve("data/journal");
        FullDisk disk = new FullDisk(FullDisk.folders(journal, "jdbc:h2:file:" + home.resolve("data/db") + ";X=1"));
        var failure = new IllegalStateException(
                "could not record",
                new UncheckedIOException(
                        "cannot write the" + " acceptance journal " + journal.resolve("run-1.journal.3")
                                + ": No space left on device",
                        new IOException("No space left on device")));

        assertThat(disk.describe(failure))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("the disk holding " + journal + " is full (")
                        .endsWith(" left): free some space and run the same command again"));
    }

    @Test
    void aFileSystemExceptionNamesItsFolder() {
        FullDisk disk = new FullDisk(List.of(home.resolve("journal")));
        var failure = new FileSystemException(home.resolve("db/x.mv.db").toString(), null, "No space left on device");

        assertThat(disk.describe(failure))
                .hasValueSatisfying(
                        line -> assertThat(line).startsWith("the disk holding " + home.resolve("db") + " is full"));
    }

    @Test
    void aStopReasonTellsOfAFullDiskToo() {
        FullDisk disk = new FullDisk(List.of(home));
        assertThat(disk.describe("could not record the outcome of line 7: Disk quota exceeded"))
                .isPresent();
        assertThat(disk.describe("credentials refused")).isEmpty();
        assertThat(disk.describe(new IOException("Connection reset"))).isEmpty();
    }

    @Test
    void theDatabaseFolderComesFromAnH2FileUrlOnly() {
        assertThat(FullDisk.folders(Path.of("j"), "jdbc:postgresql://db/x")).hasSize(2);
        assertThat(FullDisk.folders(Path.of("j"), "jdbc:h2:file:/srv/imports/db;AUTO_SERVER=TRUE"))
                .contains(Path.of("/srv/imports"));
    }

    @Test
    void sizesReadAsAPersonWould() {
        assertThat(FullDisk.size(0)).isEqualTo("0 bytes");
        assertThat(FullDisk.size(1536)).isEqualTo("1.5 KB");
        assertThat(FullDisk.size(200L << 20)).isEqualTo("200 MB");
    }
}
