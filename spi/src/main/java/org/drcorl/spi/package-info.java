/**
 * The drcorl service-provider interface: everything a plugin may depend on.
 *
 * <p>A plugin is a jar with a PF4J manifest and one or more {@code @Extension} classes that
 * implement the extension points below. This package is its own Maven module,
 * {@code drcorl-spi}, which a plugin depends on with scope {@code provided} (the host supplies
 * it, PF4J and DJL at run time); the core is not on a plugin's compile class path, so an import
 * of a core internal does not compile.
 *
 * <ul>
 *   <li>{@link org.drcorl.spi.TaskProvider} — a family of tasks; makes {@link
 *       org.drcorl.spi.SafeEnv} instances described by {@link org.drcorl.spi.TaskSpec}.
 *   <li>{@link org.drcorl.spi.Regularizer} — the term that keeps the extracted policy close to
 *       the data (DRCORL's diffusion score term, behaviour cloning, nothing).
 *   <li>{@link org.drcorl.spi.ConstraintHandler} — decides, at every policy update, how the
 *       reward and cost objectives are combined (DRCORL's slack band, a Lagrangian, none).
 * </ul>
 *
 * <p>Each of these is a small interface. A new regularizer or constraint handler is one short
 * class (plus a 20-line pom, or a {@code PluginRuntime.register…} call in a notebook); it is
 * usable at once as {@code --algos REGULARIZER+HANDLER}, named with
 * {@code NAME=REGULARIZER+HANDLER}. Its contract is checked by the suites in this module's
 * test-jar ({@code org.drcorl.contract}), which a plugin's own tests extend. DSRL's published
 * task constants ({@link org.drcorl.spi.DsrlTasks}) are here too, for task plugins.
 */
package org.drcorl.spi;
