import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 as its own {@code MainApp} does, minus a start-up race.
 *
 * <p>Why: {@code Channels.connect} starts the socket threads before it fills its message-handler
 * map, and Jupyter's first {@code kernel_info_request} is already queued when the kernel binds
 * (the kernel's JVM takes seconds to build its JShell with drcorl's jars). When the shell thread
 * wins, it dereferences the still-null map, dies with a NullPointerException, and the client waits
 * forever ("Kernel didn't respond"). On a busy 2-core machine it wins every time. Here the map is
 * a stand-in until {@code connect} returns: a lookup waits for the real map and answers from it.
 */
public final class DrcorlKernelLauncher {
    private DrcorlKernelLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DrcorlKernelLauncher CONNECTION_FILE (Jupyter passes it)");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            System.err.println("DrcorlKernelLauncher: connection file " + connectionFile + " is not a file");
            System.exit(2);
        }
        LogManager.getLogManager().readConfiguration(MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        ConnectionProperties properties = Transform.fromJson(Files.readString(connectionFile), ConnectionProperties.class);
        if ("ipc".equals(properties.transport())) {
            System.err.println("DrcorlKernelLauncher: the ipc transport is not supported by the kernel; use tcp");
            System.exit(2);
        }

        Channels channels = new Channels(properties);
        Field handlers = Channels.class.getDeclaredField("handlers");
        handlers.setAccessible(true);
        CountDownLatch connected = new CountDownLatch(1);
        handlers.set(channels, new HandlersOnceConnected(channels, handlers, connected));
        channels.connect(MainApp.kernel); // MainApp's static initializer builds the Java engine
        connected.countDown();
        channels.joinUntilClose();
    }

    /** Answers a handler lookup with the map {@code connect} installs, once it has installed it. */
    private static final class HandlersOnceConnected extends AbstractMap<Object, Object> {
        private final Channels channels;
        private final Field field;
        private final CountDownLatch connected;

        HandlersOnceConnected(Channels channels, Field field, CountDownLatch connected) {
            this.channels = channels;
            this.field = field;
            this.connected = connected;
        }

        @Override
        public Object get(Object key) {
            try {
                connected.await();
                Map<?, ?> real = (Map<?, ?>) field.get(channels);
                return real == this ? null : real.get(key);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read the kernel's handler map", e);
            }
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return Set.of();
        }
    }
}
