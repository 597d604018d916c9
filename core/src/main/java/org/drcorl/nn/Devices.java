package org.drcorl.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * The compute device of a run, from what users type ({@code --device cpu|gpu|gpu:N|auto}).
 * Every tensor of a run lives on the device of the base manager made here, so choosing it once
 * is enough.
 */
public final class Devices {
    private Devices() {}

    /**
     * @param name {@code cpu}, {@code gpu} (the first GPU), {@code gpu:N}, or {@code auto} (a GPU
     *             when the engine sees one, else the CPU)
     * @throws IllegalArgumentException for an unknown name, or a GPU the engine does not see (with
     *                                  the reason: CPU-only libtorch, no driver, index out of range)
     */
    public static Device select(String name) {
        MklDispatch.ensureApplied(); // a run's first touch of the engine: before any matrix product
        String key = name == null ? "cpu" : name.trim().toLowerCase(Locale.ROOT);
        int gpus = key.equals("cpu") ? 0 : Engine.getInstance().getGpuCount();
        if (key.equals("cpu")) return Device.cpu();
        if (key.equals("auto")) return gpus > 0 ? Device.gpu() : Device.cpu();
        int index;
        if (key.equals("gpu") || key.equals("cuda")) {
            index = 0;
        } else if (key.matches("(gpu|cuda):\\d+")) {
            index = Integer.parseInt(key.substring(key.indexOf(':') + 1));
        } else {
            throw new IllegalArgumentException("unknown device '" + name + "'; use cpu, gpu, gpu:N or auto");
        }
        if (gpus == 0) {
            throw new IllegalArgumentException("device '" + name + "': the engine sees no GPU (this build uses the CPU"
                    + " libtorch unless built with -Pcuda, or no CUDA driver is present); use --device cpu");
        }
        if (index >= gpus) {
            throw new IllegalArgumentException("device '" + name + "': only " + gpus + " GPU(s) visible (gpu:0.." + (gpus - 1) + ")");
        }
        return Device.gpu(index);
    }

    /**
     * Sets the engine's intra-op thread count (the threads one tensor operation may use on the
     * CPU) for the whole process; {@code 0} leaves the engine's default (one per core).
     *
     * <p>Why a run would want 1: with one thread every reduction runs in a fixed order, so the
     * same seed gives the same networks bit for bit on a machine; and any other work on the
     * cores makes every engine call with two threads wait at a barrier for a descheduled one
     * (measured in bench/README.md).
     *
     * @throws IllegalArgumentException for a negative count, or more than {@link #maxThreads()}
     */
    public static void useThreads(int threads) {
        MklDispatch.ensureApplied(); // a run's first touch of the engine: before any matrix product
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0 (0 = the engine's default), got " + threads);
        // libtorch starts every thread asked for: 100000 exhausted the machine's process table
        if (threads > maxThreads()) {
            throw new IllegalArgumentException("threads " + threads + " is more than 4 per core (this machine has "
                    + Runtime.getRuntime().availableProcessors() + " cores: at most " + maxThreads() + ")");
        }
        if (threads == 0) return;
        pytorchThreads("setNumThreads", threads);
    }

    /** The most intra-op threads a run may ask for: 4 per core, beyond which threads only wait. */
    public static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** The engine's current intra-op thread count (0 if the engine does not say). */
    public static int threads() {
        Object n = pytorchThreads("getNumThreads", null);
        return n instanceof Integer i ? i : 0;
    }

    /**
     * The engine is a run-time dependency of core (swappable, see core/pom.xml), so its thread
     * setting is reached by name; with another engine this does nothing.
     */
    private static Object pytorchThreads(String method, Integer argument) {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) return null;
        try {
            Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
            return argument == null ? jni.getMethod(method).invoke(null) : jni.getMethod(method, int.class).invoke(null, argument);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the PyTorch engine's thread setting (" + method + "): " + e, e);
        }
    }
}
