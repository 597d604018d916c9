/**
 * The drcorl service-provider interface: everything a plugin may depend on.
 *
 * <p>A plugin is a jar with a PF4J manifest and one or more {@code @Extension} classes that
 * implement the extension points below. The core, PF4J and DJL are provided by the host; a
 * plugin never reaches into core packages other than this one.
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
 * class; its contract is checked by the suites in the core's test-jar
 * ({@code org.drcorl.contract}), which a plugin's own tests extend.
 */
package org.drcorl.spi;
