package org.drcorl.env.mujoco.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoModels;
import org.drcorl.env.mujoco.task.HalfCheetahVelocity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The binding leaks no native memory: bytes in use by malloc (glibc's {@code mallinfo2},
 * which counts MuJoCo's allocations and not the Java heap) stay flat over many model loads,
 * data lifetimes, environment episodes and steps.
 */
class NativeMemoryLeakTest {
    /** glibc's {@code struct mallinfo2}: ten size_t fields; bytes in use = uordblks (small chunks) + hblkhd (mmapped). */
    private static final StructLayout MALLINFO2 = MemoryLayout.structLayout(
            JAVA_LONG.withName("arena"), JAVA_LONG.withName("ordblks"), JAVA_LONG.withName("smblks"),
            JAVA_LONG.withName("hblks"), JAVA_LONG.withName("hblkhd"), JAVA_LONG.withName("usmblks"),
            JAVA_LONG.withName("fsmblks"), JAVA_LONG.withName("uordblks"), JAVA_LONG.withName("fordblks"),
            JAVA_LONG.withName("keepcost"));
    private static MethodHandle mallinfo2;

    @BeforeEach
    void needsMujocoAndGlibc() {
        var a = MujocoLibrary.availability();
        assumeTrue(a.available(), "MuJoCo not available: " + a.reason());
        Linker linker = Linker.nativeLinker();
        var symbol = linker.defaultLookup().find("mallinfo2");
        assumeTrue(symbol.isPresent(), "no glibc mallinfo2 to measure native memory with");
        mallinfo2 = linker.downcallHandle(symbol.get(), FunctionDescriptor.of(MALLINFO2));
    }

    private static long nativeBytesInUse() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = (MemorySegment) mallinfo2.invokeExact((java.lang.foreign.SegmentAllocator) arena);
            return info.get(JAVA_LONG, MALLINFO2.byteOffset(MemoryLayout.PathElement.groupElement("uordblks")))
                    + info.get(JAVA_LONG, MALLINFO2.byteOffset(MemoryLayout.PathElement.groupElement("hblkhd")));
        }
    }

    private static void loadStepClose(int cycles, int steps) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        for (int c = 0; c < cycles; c++) {
            try (MujocoModel m = MujocoModel.load(MujocoModels.shipped("half_cheetah.xml")); MujocoData d = m.makeData()) {
                for (int t = 0; t < steps; t++) {
                    for (int u = 0; u < m.nu(); u++) d.setCtrl(u, random.nextDouble(-1, 1));
                    d.step();
                    if (t % 250 == 0) d.reset();
                }
            }
        }
    }

    private static void episodes(int episodes) {
        SplittableRandom random = new SplittableRandom(2);
        float[] action = new float[6];
        try (HalfCheetahVelocity env = new HalfCheetahVelocity()) {
            for (int e = 0; e < episodes; e++) {
                env.reset(e);
                for (int t = 0; t < 1000; t++) {
                    for (int i = 0; i < action.length; i++) action[i] = (float) random.nextDouble(-1, 1);
                    if (env.step(action).done()) break;
                }
            }
        }
    }

    @Test
    void nativeMemoryStaysFlat() throws Throwable {
        long dataBytes;
        long base = nativeBytesInUse();
        try (MujocoModel m = MujocoModel.load(MujocoModels.shipped("half_cheetah.xml")); MujocoData d = m.makeData()) {
            dataBytes = nativeBytesInUse() - base; // what one leaked model + data would cost
        }
        // Each phase runs once to warm up (JIT, the parser's lazily built state, malloc's arenas), then measured.
        loadStepClose(30, 20);
        long before = nativeBytesInUse();
        loadStepClose(150, 20);
        long loadGrowth = nativeBytesInUse() - before;

        episodes(5);
        // twice 20 000 environment steps = 100 000 mj_step calls: a leak grows both batches alike, while the JVM's
        // own mallocs under contention (JIT, GC) move one batch's figure by a few MB (+2.6 MB seen), so the
        // smaller of the two is what a leak cannot hide below
        long stepGrowth = Long.MAX_VALUE;
        for (int batch = 0; batch < 2; batch++) {
            before = nativeBytesInUse();
            episodes(20);
            stepGrowth = Math.min(stepGrowth, nativeBytesInUse() - before);
        }
        System.out.printf("native memory: one model + data %.0f kB; after 150 load/step/close cycles %+.0f kB; "
                + "after 100 000 mj_steps in 20 episodes %+.0f kB (the smaller of two batches)%n", dataBytes / 1024.0, loadGrowth / 1024.0, stepGrowth / 1024.0);
        assertTrue(dataBytes > 10_000, "a model and its data should be measurable: " + dataBytes + " bytes");
        // mallinfo2 counts the JVM's own mallocs too (JIT, GC): under CPU contention they move this
        // figure by several MB either way (−4.6 MB and +6.1 MB seen). Leaking even 1 % of a model and
        // its data per cycle would add 150 % of one, far above that noise.
        assertTrue(loadGrowth < 150L * dataBytes / 100, "150 load/close cycles grew native memory by " + loadGrowth
                + " bytes (one model + data: " + dataBytes + ")");
        assertTrue(stepGrowth < 2 << 20, "100 000 steps grew native memory by " + stepGrowth + " bytes in both of two batches");
    }
}
