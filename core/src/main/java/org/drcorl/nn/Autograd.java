package org.drcorl.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Gradient recording that several threads can do at once. DJL's {@code GradientCollector} for
 * PyTorch allows one collector in the whole process (a static flag; a second one throws), although
 * PyTorch's own switch, grad mode, is per thread. A recording here turns grad mode on for its
 * thread only and runs the same backward call DJL's collector runs ({@code backward(ones)}, no
 * graph kept), so values are the same bit for bit. With another engine it is that engine's
 * collector, one at a time as before.
 *
 * <p>A thread the engine did not start on has grad mode <em>on</em> (PyTorch's default; DJL turns
 * it off on the thread that loads the engine): a worker thread calls {@link #offOnThisThread()}
 * first, or every operation outside a recording would build a graph.
 */
public final class Autograd {
    private static final MethodHandle IS_GRAD_MODE;
    private static final MethodHandle SET_GRAD_MODE;
    private static final MethodHandle BACKWARD;

    static {
        MethodHandle is = null, set = null, backward = null;
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            // the engine is a run-time dependency of core (see core/pom.xml): reached by name, as in Devices
            try {
                Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
                Class<?> array = Class.forName("ai.djl.pytorch.engine.PtNDArray");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                is = lookup.findStatic(jni, "isGradMode", MethodType.methodType(boolean.class));
                set = lookup.findStatic(jni, "setGradMode", MethodType.methodType(void.class, boolean.class));
                backward = lookup.findStatic(jni, "backward", MethodType.methodType(void.class, array, array, boolean.class, boolean.class))
                        .asType(MethodType.methodType(void.class, NDArray.class, NDArray.class, boolean.class, boolean.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot reach the PyTorch engine's grad mode: " + e, e);
            }
        }
        IS_GRAD_MODE = is;
        SET_GRAD_MODE = set;
        BACKWARD = backward;
    }

    private Autograd() {}

    /** Starts recording on this thread; close it to stop. */
    public static GradientCollector record() {
        return BACKWARD == null ? Autograd.record() : new ThreadRecording();
    }

    /** Turns the engine's grad mode off on this thread (a worker thread's first call). */
    public static void offOnThisThread() {
        if (SET_GRAD_MODE != null) setGradMode(false);
    }

    /** Whether operations on this thread are recorded for a backward pass now. */
    public static boolean recording() {
        if (IS_GRAD_MODE == null) throw new UnsupportedOperationException("only the PyTorch engine says");
        try {
            return (boolean) IS_GRAD_MODE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void setGradMode(boolean on) {
        try {
            SET_GRAD_MODE.invokeExact(on);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    /** Grad mode on for this thread, restored on close. */
    private static final class ThreadRecording implements GradientCollector {
        private final boolean previous;

        ThreadRecording() {
            previous = recording();
            setGradMode(true);
        }

        @Override
        public void backward(NDArray target) {
            try (NDArray ones = target.onesLike()) {
                BACKWARD.invokeExact(target, ones, false, false);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** Not offered: DJL's walks every array of the process; drcorl's optimizers zero what they read. */
        @Override
        public void zeroGradients() {
            throw new UnsupportedOperationException("zero the gradients you read (Adam.takeGradients does)");
        }

        @Override
        public void close() {
            setGradMode(previous);
        }
    }
}
