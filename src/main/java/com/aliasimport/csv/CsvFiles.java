package com.aliasimport.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the file for reading, turning the usual failures into a message a person can act on. */
final class CsvFiles {

    private CsvFiles() {}

    static InputStream open(Path file) {
        // A directory opens fine on Linux and fails only on the first read: refuse it up front.
        if (Files.isDirectory(file)) {
            throw cannotRead(file, "it is a directory", null);
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw cannotRead(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw cannotRead(file, "permission denied", e);
        } catch (IOException e) {
            throw cannotRead(file, String.valueOf(e.getMessage()), e);
        }
    }

    static CsvFileException cannotRead(Path file, String reason, Throwable cause) {
        return CsvFileException.worded(file, 0, 0, "cannot read " + file + ": " + reason, cause);
    }
}
