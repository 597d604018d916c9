package org.drcorl.spi;

import org.pf4j.ExtensionPoint;

/**
 * What every regularizer and constraint handler has: a short command-line name, a one-line
 * description, and options.
 *
 * <p>The host creates a fresh instance for every policy it extracts (PF4J's default extension
 * factory), then calls {@link #configure} once before first use. Instances therefore may keep
 * state across steps (a Lagrange multiplier, a zone), but never in static fields.
 */
public interface NamedExtension extends ExtensionPoint {

    /** Pattern every {@link #name()} must match: lower case, digits and dashes. */
    String NAME_PATTERN = "[a-z][a-z0-9-]*";

    /**
     * The name users type: half of an algorithm, {@code --algos diffusion+slack} (or
     * {@code NAME=diffusion+slack}), and the prefix of its options, {@code --regularizer-opt
     * diffusion.t-max=0.3}; matches {@link #NAME_PATTERN}.
     */
    String name();

    /** One line for {@code drcorl plugins}. */
    String description();

    /**
     * Reads this extension's options. Read every option you accept through {@code options}:
     * the host rejects options that nobody read, naming them, so a typo never goes unnoticed.
     * Invalid values should be reported with {@link PluginOptions#invalid}.
     */
    default void configure(PluginOptions options) {}
}
