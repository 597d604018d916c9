package org.drcorl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps two runs out of one run directory: {@code DIR/.lock} holds an operating-system lock (and,
 * for the error message, the owner's pid) while a run or an evaluation writes there. Without it,
 * two runs into the same {@code --out} mixed silently (config.json from one, results from the
 * other). A lock file left by a process that died is stale: the operating system released its
 * lock with the process, so the next run takes it over.
 */
public final class RunLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean madeDirectory;

    private RunLock(Path file, FileChannel channel, FileLock lock, boolean madeDirectory) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.madeDirectory = madeDirectory;
    }

    /**
     * Takes the run directory {@code dir} (made if missing) for this process.
     *
     * @throws UserError when another run holds it, naming that process and the lock file
     */
    public static RunLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel channel = null;
        boolean madeDirectory = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new UserError("run directory " + dir + " is in use by another drcorl"
                        + (owner.isEmpty() ? "" : " (process " + owner + ")") + "; wait for it to finish or choose another --out"
                        + " (lock file " + file + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new RunLock(file, channel, lock, madeDirectory);
        } catch (IOException e) {
            try {
                if (channel != null) channel.close();
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw new UncheckedIOException("cannot lock the run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Releases the directory and removes the lock file; a directory this lock made and nothing else
     * wrote into (a run refused before writing) is removed too, so a refused run leaves no trace.
     */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file); // while still held: no other run can have taken it in between
            lock.release();
            channel.close();
            Path dir = file.getParent();
            if (madeDirectory) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty()) Files.delete(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file + ": " + e.getMessage(), e);
        }
    }
}
