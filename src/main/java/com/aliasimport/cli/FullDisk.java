package com.aliasimport.cli;

import com.aliasimport.config.AliasImportProperties;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells a full disk from other failures and says, in one line, which of the folders the product writes to (the
 * acceptance journal's, the H2 database's, the log's) is on it. The journal, H2 and the JDK report a full disk only
 * as an {@link IOException} whose message is the system's ("No space left on device"), wrapped in their own
 * exceptions or in a stop reason; so the message text is what is looked at.
 */
@Component
public final class FullDisk {

    private static final List<String> MARKERS = List.of("No space left on device", "Disk quota exceeded");

    private final List<Path> folders;

    @Autowired
    FullDisk(AliasImportProperties properties, Environment environment) {
        this(folders(properties.journalDir(), environment.getProperty("spring.datasource.url")));
    }

    FullDisk(List<Path> folders) {
        this.folders = folders;
    }

    /**
     * As {@link #describe(Throwable)} for a start-up failure, before the configuration could be read: the folders
     * are the defaults unless set by system property or environment variable.
     */
    public static Optional<String> atStartUp(Throwable failure) {
        String url = System.getProperty("spring.datasource.url", System.getenv("SPRING_DATASOURCE_URL"));
        Path journal = Path.of(System.getProperty("alias-import.journal-dir", "data/journal"));
        return new FullDisk(folders(journal, url == null ? "jdbc:h2:file:./data/alias-import" : url)).describe(failure);
    }

    /** The line for a full disk if {@code failure} (or a cause) is one. */
    Optional<String> describe(Throwable failure) {
        Set<Path> named = new LinkedHashSet<>();
        boolean full = false;
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            full |= isFull(t.getMessage());
            if (t instanceof FileSystemException fs && fs.getFile() != null) {
                named.add(Path.of(fs.getFile()).toAbsolutePath().getParent());
            }
            text.append(t.getMessage()).append('\n');
        }
        return full ? Optional.of(line(named, text.toString())) : Optional.empty();
    }

    /** The line for a full disk if {@code message} (a run's stop reason) tells of one. */
    Optional<String> describe(String message) {
        return isFull(message) ? Optional.of(line(Set.of(), message)) : Optional.empty();
    }

    private static boolean isFull(String message) {
        return message != null && MARKERS.stream().anyMatch(message::contains);
    }

    /** The folder the failure names if it names one of ours, else ours on the disk with the least space left. */
    private String line(Set<Path> named, String text) {
        List<Path> candidates = new ArrayList<>(named);
        folders.stream().filter(f -> text.contains(f.toString())).forEach(candidates::add);
        if (candidates.isEmpty()) {
            candidates.addAll(folders);
        }
        Path folder = candidates.stream()
                .min(Comparator.comparingLong(FullDisk::usableSpace))
                .orElse(Path.of("."));
        long free = usableSpace(folder);
        return "the disk holding " + folder + " is full (" + (free == Long.MAX_VALUE ? "no" : size(free))
                + " left): free some space and run the same command again";
    }

    private static long usableSpace(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return Files.getFileStore(p).getUsableSpace();
                } catch (IOException e) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return Long.MAX_VALUE;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** The journal's folder, an H2 file database's folder and the log's folder, as absolute paths. */
    static List<Path> folders(Path journalDir, String datasourceUrl) {
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(journalDir.toAbsolutePath().normalize());
        String h2File = "jdbc:h2:file:";
        if (datasourceUrl != null && datasourceUrl.startsWith(h2File)) {
            String file = datasourceUrl.substring(h2File.length()).split(";", 2)[0];
            if (file.startsWith("~")) {
                file = System.getProperty("user.home") + file.substring(1);
            }
            Path parent = Path.of(file).toAbsolutePath().normalize().getParent();
            if (parent != null) {
                folders.add(parent);
            }
        }
        Path log = Path.of(LogFile.path()).toAbsolutePath().normalize().getParent();
        if (log != null) {
            folders.add(log);
        }
        return List.copyOf(folders);
    }
}
