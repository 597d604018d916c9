package org.drcorl.data;

/**
 * A dataset file that cannot be used: missing or malformed content, not HDF5, truncated.
 * The message always names the file and what is wrong, so it can be shown as is.
 */
public final class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
