package org.drcorl.pluginhost;

import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.TaskProvider;

/** The kinds of extension the host knows, in the order {@code drcorl plugins} lists them. */
public enum ExtensionKind {
    TASKS("tasks", TaskProvider.class),
    REGULARIZER("regularizer", Regularizer.class),
    CONSTRAINT_HANDLER("constraint handler", ConstraintHandler.class);

    private final String label;
    private final Class<?> type;

    ExtensionKind(String label, Class<?> type) {
        this.label = label;
        this.type = type;
    }

    public String label() {
        return label;
    }

    public Class<?> type() {
        return type;
    }
}
