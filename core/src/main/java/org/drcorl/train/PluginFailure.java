package org.drcorl.train;

/**
 * A plugin (regularizer, constraint handler) failed during training. The message names the
 * plugin and the step, so that a crash in a plugin never takes a run down silently.
 */
public final class PluginFailure extends RuntimeException {
    public PluginFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
