package org.drcorl.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files so that a reader (or a resumed run) sees either the old file or the complete new
 * one, never half of it: the bytes go to a temporary file in the same folder, which is then
 * renamed over the target. Temporary files still being written when the JVM exits (Ctrl-C) are
 * deleted by a shutdown hook; {@link #removeLeftovers} sweeps those of a process that was killed
 * outright.
 */
public final class AtomicFiles {
    /** Suffix of every temporary file made here; nothing else in a run directory ends with it. */
    public static final String TEMP_SUFFIX = ".partial";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // exiting anyway; removeLeftovers cleans up on the next run
                }
            }
        }, "drcorl-temp-cleanup"));
    }

    private AtomicFiles() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Something that writes a whole file at the path it is given (a library's own file writer). */
    @FunctionalInterface
    public interface FileWriter {
        void writeTo(Path file) throws IOException;
    }

    /** Writes {@code target} atomically (creating its folder); {@link UncheckedIOException} naming the file on failure. */
    public static void write(Path target, Content content) {
        writeFile(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
        });
    }

    /**
     * Has {@code writer} write a temporary file next to {@code target}, then renames it over
     * {@code target}; for libraries that write files by path (HDF5). If the writer throws, the
     * target is left as it was and the temporary file is removed.
     */
    public static void writeFile(Path target, FileWriter writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // not Files.createTempFile: its owner-only permissions would stick to the result
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + TEMP_SUFFIX);
            IN_FLIGHT.add(tmp);
            writer.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                IN_FLIGHT.remove(tmp);
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the error above says what went wrong
                }
            }
        }
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Deletes temporary files left under {@code dir} by a process that died while writing
     * (ours, and the checkpoint writer's {@code .tmp} files); returns how many.
     */
    public static int removeLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (var files = Files.walk(dir)) {
            int n = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && (name.endsWith(TEMP_SUFFIX) || name.endsWith(".tmp"))) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }
}
