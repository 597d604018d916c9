package org.drcorl.nn;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps glibc's allocator from handing libtorch's large temporaries back to the kernel after
 * every use.
 *
 * <p>Why: libtorch's CPU tensors come from {@code posix_memalign}. By default glibc serves a
 * block of more than 128 KiB (raised on the fly up to 32 MiB) with its own {@code mmap}, and
 * returns free memory at the top of a heap to the kernel once it exceeds twice that threshold.
 * A training step that makes several temporaries of a few MiB at once (the optimizer's passes
 * over a model's 1.6 M parameters are 6.5 MB each; the behaviour model's (2048, 1024)
 * activations 8 MB) frees them together, the heap is trimmed, and the next step faults every
 * page in again, zeroed by the kernel. On the VMs this project runs on that made one pass over
 * 1.6 M floats take 18 ms instead of about 1, and the behaviour model's step at batch 256 four
 * times slower than PyTorch's (bench/README.md, "Native allocation"). Here blocks up to 32 MiB
 * come from the heap and up to {@link #TRIM_THRESHOLD} bytes of free memory stay in the
 * process for the next step. The price is resident memory: a process keeps what its largest
 * step needed.
 *
 * <p>It is process-wide and changes no value computed. Where the allocator is not glibc's
 * (no {@code mallopt}, another OS) it does nothing; the environment variables glibc reads
 * ({@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}, {@code MALLOC_TOP_PAD_}) take
 * precedence: when one is set this class leaves the allocator as the user configured it, and so it
 * does with {@code -Ddrcorl.native-heap=glibc} (to compare: {@code DRCORL_JAVA_OPTS=-Ddrcorl.native-heap=glibc
 * ./drcorl run}).
 */
public final class NativeHeap {
    /** glibc's {@code M_TRIM_THRESHOLD}, {@code M_TOP_PAD} and {@code M_MMAP_THRESHOLD} (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1, M_TOP_PAD = -2, M_MMAP_THRESHOLD = -3;
    /** The largest mmap threshold glibc accepts on 64-bit (HEAP_MAX_SIZE / 2). */
    static final int MMAP_THRESHOLD = 32 << 20;
    /** Free memory a heap keeps for the next step: a few steps' worth of the largest temporaries. */
    static final int TRIM_THRESHOLD = 512 << 20;
    /**
     * Address space a heap grows by beyond a request. It also decides whether a thread's heap
     * (Java threads allocate from glibc's per-thread arenas, made of 64 MiB heaps) is unmapped
     * as soon as it is empty, whatever the trim threshold: with a pad above two heaps it never
     * is. Only address space: pages are backed when first written.
     */
    static final int TOP_PAD = 256 << 20;

    private static final String STATE = tune();

    private NativeHeap() {}

    /**
     * Makes sure the tuning has been tried (once per process; cheap afterwards). Called by
     * {@link Parameters}, so that every network is made after it.
     *
     * @return what was done, for logs and tests: "tuned", or why not
     */
    public static String ensureTuned() {
        return STATE;
    }

    /**
     * The same settings as glibc's environment variables, for a child process that should
     * allocate as this one does: {@code bench/run --vs-torch} gives them to its PyTorch script,
     * whose steps otherwise fault their temporaries in as ours did (its stage-3 step ran about
     * 1.7× slower when run first in its process than after a large step had raised glibc's
     * thresholds on the fly).
     */
    public static Map<String, String> environment() {
        return Map.of("MALLOC_MMAP_THRESHOLD_", Integer.toString(MMAP_THRESHOLD),
                "MALLOC_TRIM_THRESHOLD_", Integer.toString(TRIM_THRESHOLD),
                "MALLOC_TOP_PAD_", Integer.toString(TOP_PAD));
    }

    private static String tune() {
        if ("glibc".equals(System.getProperty("drcorl.native-heap"))) return "left as glibc's default (-Ddrcorl.native-heap=glibc)";
        if (environment().keySet().stream().anyMatch(name -> System.getenv(name) != null)) {
            return "left as set by the MALLOC_ environment variables";
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return "not Linux";
        try {
            Linker linker = Linker.nativeLinker();
            Optional<MemorySegment> symbol = linker.defaultLookup().find("mallopt");
            if (symbol.isEmpty()) return "no mallopt";
            MethodHandle mallopt = linker.downcallHandle(symbol.get(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            // the trim threshold first: setting the mmap threshold also stops glibc from moving both on its own
            int trim = (int) mallopt.invokeExact(M_TRIM_THRESHOLD, TRIM_THRESHOLD);
            int pad = (int) mallopt.invokeExact(M_TOP_PAD, TOP_PAD);
            int mmap = (int) mallopt.invokeExact(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
            return trim == 1 && pad == 1 && mmap == 1 ? "tuned" : "mallopt refused (" + trim + ", " + pad + ", " + mmap + ")";
        } catch (Throwable t) {
            // native access denied, or a platform without the symbol: a slower run, never a failed one
            return "not tuned: " + t;
        }
    }
}
