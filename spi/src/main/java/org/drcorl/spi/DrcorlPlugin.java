package org.drcorl.spi;

import org.pf4j.Plugin;

/**
 * The default PF4J plugin class of a drcorl plugin. A plugin needs its own subclass only if
 * it has to acquire or release something when it is started or stopped; extensions are found
 * through {@code @Extension} alone.
 */
public class DrcorlPlugin extends Plugin {
    public DrcorlPlugin() {
        super();
    }
}
