package org.drcorl.nn;

import ai.djl.engine.Engine;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.Optional;

/**
 * Lets the engine's MKL choose its matrix kernels by what the CPU can do rather than by who made it.
 *
 * <p>Why: the oneMKL linked into DJL's CPU libtorch asks {@code mkl_serv_intel_cpu_true()} before
 * choosing kernels, and on any CPU whose vendor is not Intel it takes its generic code path, whatever
 * instructions the CPU has. On this project's AMD EPYC (AVX2 and AVX-512) that made every matrix
 * product about half as fast as it could be and each training step 1.3–1.8× slower (bench/README.md,
 * "MKL on AMD"), while PyTorch from Debian, built on OpenBLAS, is not affected. The function keeps
 * its answer in a static variable that it reads first ({@code mov eax, [cached]; test eax, eax; js
 * compute; ret}); this class writes 1 there, so MKL goes on to choose among its AVX2 and AVX-512
 * kernels by the CPU's feature flags, as it does on an Intel CPU. It is the answer a well-known
 * workaround gives by preloading a library that defines the function to return 1; here no library
 * is built or preloaded, and the code of the engine is not modified.
 *
 * <p>What it changes: speed, and the last bits of matrix products (another kernel sums in another
 * order): results stay reproducible bit for bit on one machine, as before. On Intel CPUs, where the
 * answer is already 1, and on engines without MKL (the symbol is absent) it does nothing. It
 * checks the instruction bytes it relies on and does nothing if they differ (another MKL build).
 * {@code -Ddrcorl.mkl-dispatch=vendor} leaves MKL as shipped.
 */
public final class MklDispatch {
    private static final String LIBRARY = "libtorch_cpu.so";
    private static final String FUNCTION = "mkl_serv_intel_cpu_true";
    private static final String STATE = apply();

    private MklDispatch() {}

    /** Makes sure it has been tried once in this process; "applied", or why not. */
    public static String ensureApplied() {
        return STATE;
    }

    private static String apply() {
        if ("vendor".equals(System.getProperty("drcorl.mkl-dispatch"))) return "left as shipped (-Ddrcorl.mkl-dispatch=vendor)";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "not Linux on x86-64";
        }
        try {
            if (!"PyTorch".equals(Engine.getInstance().getEngineName())) return "not the PyTorch engine";
            // the engine is loaded now: its library is found by its soname among the loaded ones
            Optional<MemorySegment> function = SymbolLookup.libraryLookup(LIBRARY, Arena.global()).find(FUNCTION);
            if (function.isEmpty()) return "no MKL in the engine";
            MemorySegment code = function.get().reinterpret(10);
            // 8b 05 d32: mov eax, [rip + d32]; 85 c0: test eax, eax; 78: js
            if (code.get(ValueLayout.JAVA_BYTE, 0) != (byte) 0x8b || code.get(ValueLayout.JAVA_BYTE, 1) != (byte) 0x05
                    || code.get(ValueLayout.JAVA_BYTE, 6) != (byte) 0x85 || code.get(ValueLayout.JAVA_BYTE, 7) != (byte) 0xc0
                    || code.get(ValueLayout.JAVA_BYTE, 8) != (byte) 0x78) {
                return "left as shipped: " + FUNCTION + " is not the expected code in this MKL";
            }
            long cacheAddress = function.get().address() + 6 + code.get(ValueLayout.JAVA_INT_UNALIGNED, 2);
            MemorySegment cache = MemorySegment.ofAddress(cacheAddress).reinterpret(Integer.BYTES);
            int before = cache.get(ValueLayout.JAVA_INT_UNALIGNED, 0);
            if (before == 1) return "Intel CPU: nothing to do";
            cache.set(ValueLayout.JAVA_INT_UNALIGNED, 0, 1);
            return "applied";
        } catch (Throwable t) {
            // native access denied, a library not found: MKL as shipped, never a failed run
            return "left as shipped: " + t;
        }
    }
}
