package org.drcorl.pluginhost;

import java.nio.file.Path;

/**
 * A plugin that was refused, and why. The rest of the plugins still load.
 *
 * @param file    the jar, zip or folder the plugin came from
 * @param message what is wrong, in one line
 * @param cause   the underlying exception, for {@code --verbose}; may be null
 */
public record PluginProblem(Path file, String message, Throwable cause) {
    /** {@code plugins/foo.jar: message}. */
    public String oneLine() {
        return file + ": " + message;
    }
}
