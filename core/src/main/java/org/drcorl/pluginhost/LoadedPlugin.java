package org.drcorl.pluginhost;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A plugin that loaded and started, with what it contributes.
 *
 * @param id         the PF4J plugin id
 * @param version    its version
 * @param provider   who made it
 * @param file       where it was loaded from; null for extensions registered in code
 * @param extensions for each kind, the names it contributes (task ids for {@link ExtensionKind#TASKS})
 */
public record LoadedPlugin(String id, String version, String provider, Path file,
                           Map<ExtensionKind, List<String>> extensions) {
}
