package org.drcorl.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Keeps libtorch's "AutoNonVariableTypeMode is deprecated" warning off the user's terminal. DJL's
 * {@code NDArray.set} runs under that deprecated guard, and libtorch prints the warning once per
 * process, on native stderr, where no logging setting reaches it (TORCH_CPP_LOG_LEVEL does not,
 * measured). So the command line spends that one warning up front: one {@code set} with the
 * process's stderr (file descriptor 2) pointed at /dev/null for that call only, through libc's
 * dup/dup2 (the FFM API the MuJoCo binding uses too). If anything here fails, the warning simply
 * shows as before.
 */
final class LibtorchWarning {
    private static boolean done;

    private LibtorchWarning() {}

    /** Spends the warning, once per process; call before training or evaluating. */
    static synchronized void silence() {
        if (done) return;
        done = true;
        org.drcorl.nn.MklDispatch.ensureApplied(); // loads the engine; must precede its first matrix product
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MethodHandle dup = linker.downcallHandle(libc.find("dup").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle dup2 = linker.downcallHandle(libc.find("dup2").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            try (NDManager manager = NDManager.newBaseManager(); Arena arena = Arena.ofConfined()) {
                NDArray probe = manager.zeros(new Shape(1)); // loads the engine with stderr still in place
                System.err.flush();
                int saved = (int) dup.invokeExact(2);
                int devNull = (int) open.invokeExact(arena.allocateFrom("/dev/null"), 1 /* O_WRONLY */);
                if (saved < 0 || devNull < 0) return;
                int redirected = (int) dup2.invokeExact(devNull, 2);
                try {
                    if (redirected >= 0) probe.set(new float[] {0f}); // the one warning, into /dev/null
                } finally {
                    int restored = (int) dup2.invokeExact(saved, 2);
                    int c1 = (int) close.invokeExact(saved);
                    int c2 = (int) close.invokeExact(devNull);
                }
            }
        } catch (Throwable e) {
            // not Linux/glibc, or no native access: the warning shows, nothing else changes
        }
    }
}
