package org.drcorl.data;

import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The name of a temporary file beside a file about to be written: hidden, unique, and not
 * created here. Whoever writes it creates it with the process's umask, so the file renamed into
 * place gets the mode any new file gets ({@code Files.createTempFile} would make it owner-only,
 * and a dataset or checkpoint others should read would stay 0600).
 */
public final class SiblingTemp {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SiblingTemp() {}

    /** {@code .NAME.RANDOM.SUFFIX} in {@code target}'s folder. */
    public static Path of(Path target, String suffix) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
    }
}
