package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MklDispatchTest {

    private static Optional<MemorySegment> vendorCheck() {
        try {
            return SymbolLookup.libraryLookup("libtorch_cpu.so", Arena.global()).find("mkl_serv_intel_cpu_true");
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not loaded under that name: another engine or platform
        }
    }

    @Test
    void mklsVendorCheckAnswersYesOnceApplied() throws Throwable {
        String state = MklDispatch.ensureApplied();
        Optional<MemorySegment> check = vendorCheck();
        assumeTrue(check.isPresent(), "no MKL in this engine (" + state + ")");
        assertTrue(state.equals("applied") || state.equals("Intel CPU: nothing to do"), state);
        int answer = (int) Linker.nativeLinker().downcallHandle(check.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT))
                .invokeExact();
        assertEquals(1, answer, "MKL's vendor check after " + state);
    }

    /** The kernels MKL now chooses compute what a product is: every path the layers use, against plain Java. */
    @Test
    void matrixProductsStayCorrect() {
        MklDispatch.ensureApplied();
        SplittableRandom random = new SplittableRandom(7);
        int[][] shapes = {{256, 256, 256}, {256, 10, 256}, {256, 256, 1}, {2048, 256, 1024}, {3, 5, 7}};
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] s : shapes) {
                int n = s[0], k = s[1], p = s[2];
                float[] a = new float[n * k], b = new float[k * p];
                for (int i = 0; i < a.length; i++) a[i] = (float) (random.nextDouble() * 2 - 1);
                for (int i = 0; i < b.length; i++) b[i] = (float) (random.nextDouble() * 2 - 1);
                NDArray x = m.create(a, new Shape(n, k)), y = m.create(b, new Shape(k, p));
                float[][] got = {x.matMul(y).toFloatArray(), y.transpose().matMul(x.transpose()).transpose().toFloatArray()};
                for (int row = 0; row < n; row += Math.max(1, n / 17)) {
                    for (int col = 0; col < p; col += Math.max(1, p / 13)) {
                        double expected = 0;
                        for (int i = 0; i < k; i++) expected += (double) a[row * k + i] * b[i * p + col];
                        for (float[] g : got) {
                            assertEquals(expected, g[row * p + col], 1e-4 * Math.sqrt(k) + 1e-5,
                                    "(" + n + "×" + k + ")·(" + k + "×" + p + ") at " + row + "," + col);
                        }
                    }
                }
            }
        }
    }
}
