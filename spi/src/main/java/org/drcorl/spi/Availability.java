package org.drcorl.spi;

/**
 * Whether a task provider can make environments on this machine, and if not, why and how to
 * fix it (e.g. a missing native library and the command that installs it).
 */
public record Availability(boolean available, String reason) {
    public static final Availability AVAILABLE = new Availability(true, "");

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
