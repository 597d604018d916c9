package org.drcorl.env.mujoco.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.drcorl.spi.Availability;

/**
 * The MuJoCo shared library, opened through the Foreign Function & Memory API, with the
 * downcall handles the binding uses.
 *
 * <p>Where the library comes from: the system property {@value #LIBRARY_PROPERTY} or the
 * environment variable {@value #LIBRARY_ENV} (a path or a library name), else
 * {@code libmujoco.so.2.2.2} and {@code libmujoco.so} from the dynamic loader's search path
 * (Debian's {@value MjLayout#DEBIAN_PACKAGE} installs the first). A library whose
 * {@code mj_version()} is not 2.2.2 is refused: the struct offsets in {@link MjLayout} hold
 * for 2.2.2 only, and reading another version's structs would silently return garbage.
 *
 * <p>Opening also replaces MuJoCo's default warning handler, which would append to a
 * {@code MUJOCO_LOG.TXT} in the working directory and print to stdout; warnings are counted
 * and the first few are reported on stderr instead. It replaces the default error handler too:
 * MuJoCo 2.2's prints "Press Enter to exit" and then waits on stdin (a batch run would hang
 * forever) before {@code exit(1)}. Ours names the error on stderr and ends the process with
 * {@value #FATAL_EXIT_CODE} through {@link System#exit}, so shutdown hooks still remove
 * half-written files. It cannot return or throw instead: MuJoCo's state after an error is
 * undefined, and an exception cannot cross the native frames of an upcall.
 */
public final class MujocoLibrary {
    /** System property naming the library to open (a path or a name for the dynamic loader). */
    public static final String LIBRARY_PROPERTY = "drcorl.mujoco.library";
    /** Environment variable naming the library, read when the property is not set. */
    public static final String LIBRARY_ENV = "DRCORL_MUJOCO_LIBRARY";
    /** The command that installs the supported library on Debian and Ubuntu. */
    public static final String INSTALL_COMMAND = "sudo apt-get install " + MjLayout.DEBIAN_PACKAGE;

    private static final List<String> DEFAULT_NAMES = List.of("libmujoco.so.2.2.2", "libmujoco.so");
    private static final int MAX_REPORTED_WARNINGS = 5;
    /** The exit status of a process that MuJoCo reported a fatal error in. */
    public static final int FATAL_EXIT_CODE = 70;
    private static final AtomicLong WARNINGS = new AtomicLong();

    private static volatile Object shared; // MujocoLibrary or MujocoUnavailableException

    final String source;
    final int version;
    final MethodHandle loadXml;      // mjModel* mj_loadXML(const char*, const mjVFS*, char*, int)
    final MethodHandle freeLastXml;  // void mj_freeLastXML(void)
    final MethodHandle deleteModel;  // void mj_deleteModel(mjModel*)
    final MethodHandle makeData;     // mjData* mj_makeData(const mjModel*)
    final MethodHandle deleteData;   // void mj_deleteData(mjData*)
    final MethodHandle step;         // void mj_step(const mjModel*, mjData*)
    final MethodHandle forward;      // void mj_forward(const mjModel*, mjData*)
    final MethodHandle resetData;    // void mj_resetData(const mjModel*, mjData*)
    final MethodHandle name2id;      // int mj_name2id(const mjModel*, int, const char*)
    final MethodHandle jacBody;      // void mj_jacBody(const mjModel*, const mjData*, mjtNum* jacp, mjtNum* jacr, int body)
    final MethodHandle quat2Mat;     // void mju_quat2Mat(mjtNum res[9], const mjtNum quat[4])
    /** mj_loadXML keeps the last parsed model in a global: one load at a time, process-wide. */
    static final Object LOAD_LOCK = new Object();

    private MujocoLibrary(String source, SymbolLookup lookup) throws MujocoUnavailableException {
        this.source = source;
        Linker linker = Linker.nativeLinker();
        MethodHandle versionHandle = downcall(linker, lookup, source, "mj_version", FunctionDescriptor.of(JAVA_INT));
        try {
            this.version = (int) versionHandle.invokeExact();
        } catch (Throwable t) {
            throw new MujocoUnavailableException(source + ": mj_version() failed: " + t);
        }
        Optional<String> refusal = versionRefusal(version, source);
        if (refusal.isPresent()) throw new MujocoUnavailableException(refusal.get());
        loadXml = downcall(linker, lookup, source, "mj_loadXML",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
        freeLastXml = downcall(linker, lookup, source, "mj_freeLastXML", FunctionDescriptor.ofVoid());
        deleteModel = downcall(linker, lookup, source, "mj_deleteModel", FunctionDescriptor.ofVoid(ADDRESS));
        makeData = downcall(linker, lookup, source, "mj_makeData", FunctionDescriptor.of(ADDRESS, ADDRESS));
        deleteData = downcall(linker, lookup, source, "mj_deleteData", FunctionDescriptor.ofVoid(ADDRESS));
        step = downcall(linker, lookup, source, "mj_step", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        forward = downcall(linker, lookup, source, "mj_forward", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        resetData = downcall(linker, lookup, source, "mj_resetData", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        name2id = downcall(linker, lookup, source, "mj_name2id",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        jacBody = downcall(linker, lookup, source, "mj_jacBody",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
        quat2Mat = downcall(linker, lookup, source, "mju_quat2Mat", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        installHandler(linker, lookup, "mju_user_warning", "onWarning");
        installHandler(linker, lookup, "mju_user_error", "onError");
    }

    /**
     * The library this process uses, opened on first call and shared afterwards.
     *
     * @throws MujocoUnavailableException if it cannot be found or is not version 2.2.2 (the
     *                                    message says why and how to install it)
     */
    public static MujocoLibrary shared() throws MujocoUnavailableException {
        Object s = shared;
        if (s == null) {
            synchronized (MujocoLibrary.class) {
                s = shared;
                if (s == null) {
                    try {
                        s = openFirst(configuredNames(), Arena.global());
                    } catch (MujocoUnavailableException e) {
                        s = e;
                    }
                    shared = s;
                }
            }
        }
        if (s instanceof MujocoUnavailableException e) throw new MujocoUnavailableException(e.getMessage());
        return (MujocoLibrary) s;
    }

    /** Whether {@link #shared()} works here, and if not, why and what to install. */
    public static Availability availability() {
        try {
            shared();
            return Availability.AVAILABLE;
        } catch (MujocoUnavailableException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    /**
     * Opens one specific library (a path or a loader name), for tools and tests; the library
     * stays mapped as long as {@code arena} is open.
     */
    public static MujocoLibrary open(String nameOrPath, Arena arena) throws MujocoUnavailableException {
        return openFirst(List.of(nameOrPath), arena);
    }

    private static MujocoLibrary openFirst(List<String> names, Arena arena) throws MujocoUnavailableException {
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            SymbolLookup lookup;
            try {
                lookup = SymbolLookup.libraryLookup(name, arena);
            } catch (IllegalArgumentException e) {
                failures.add(name);
                continue;
            }
            return new MujocoLibrary(name, lookup);
        }
        throw new MujocoUnavailableException("MuJoCo " + versionText(MjLayout.VERSION) + " not found (tried "
                + String.join(", ", failures) + "); install it with `" + INSTALL_COMMAND
                + "` or set -D" + LIBRARY_PROPERTY + "=/path/to/libmujoco.so.2.2.2");
    }

    private static List<String> configuredNames() {
        String configured = System.getProperty(LIBRARY_PROPERTY);
        if (configured == null || configured.isBlank()) configured = System.getenv(LIBRARY_ENV);
        return configured == null || configured.isBlank() ? DEFAULT_NAMES : List.of(configured.trim());
    }

    /**
     * Why a library reporting {@code mj_version() == version} cannot be used, or empty if it can.
     */
    public static Optional<String> versionRefusal(int version, String source) {
        if (version == MjLayout.VERSION) return Optional.empty();
        return Optional.of(source + " is MuJoCo " + versionText(version) + ", but this binding supports MuJoCo "
                + versionText(MjLayout.VERSION) + " only (its struct layouts differ between releases); install it with `"
                + INSTALL_COMMAND + "` or set -D" + LIBRARY_PROPERTY + "=/path/to/libmujoco.so.2.2.2");
    }

    /** 222 → "2.2.2", MuJoCo's encoding up to 2.x (major·100 + minor·10 + patch). */
    static String versionText(int version) {
        if (version < 100 || version > 999) return Integer.toString(version);
        return (version / 100) + "." + (version / 10 % 10) + "." + (version % 10);
    }

    /** What was opened, e.g. {@code libmujoco.so.2.2.2}. */
    public String source() {
        return source;
    }

    /** {@code mj_version()}: always {@link MjLayout#VERSION} for an opened library. */
    public int version() {
        return version;
    }

    /** MuJoCo warnings reported since the process started (e.g. an unstable simulation was reset). */
    public static long warningCount() {
        return WARNINGS.get();
    }

    private static MethodHandle downcall(Linker linker, SymbolLookup lookup, String source, String name,
                                         FunctionDescriptor descriptor) throws MujocoUnavailableException {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new MujocoUnavailableException(
                source + " has no symbol " + name + ": not a MuJoCo " + versionText(MjLayout.VERSION) + " library"));
        return linker.downcallHandle(symbol, descriptor);
    }

    /** Points one of MuJoCo's global handler pointers ({@code void (*)(const char*)}) at a static method of this class. */
    private static void installHandler(Linker linker, SymbolLookup lookup, String hookName, String method)
            throws MujocoUnavailableException {
        MemorySegment hook = lookup.find(hookName).orElse(null);
        if (hook == null) return; // keep MuJoCo's default
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(MujocoLibrary.class, method,
                    MethodType.methodType(void.class, MemorySegment.class));
            MemorySegment stub = linker.upcallStub(target, FunctionDescriptor.ofVoid(ADDRESS), Arena.global());
            hook.reinterpret(ADDRESS.byteSize()).set(ADDRESS, 0, stub);
        } catch (ReflectiveOperationException e) {
            throw new MujocoUnavailableException("cannot install the MuJoCo handler " + hookName + ": " + e);
        }
    }

    /** Called by MuJoCo on a fatal error; never returns (see the class comment). */
    @SuppressWarnings("unused")
    private static void onError(MemorySegment message) {
        String text;
        try {
            text = message.reinterpret(1000).getString(0).strip();
        } catch (RuntimeException e) {
            text = "(message unreadable: " + e + ")";
        }
        System.err.println("drcorl: MuJoCo fatal error: " + text + " — the simulation cannot continue; exiting with status "
                + FATAL_EXIT_CODE);
        System.err.flush();
        System.exit(FATAL_EXIT_CODE);
    }

    /** Called by MuJoCo on a warning; must not throw (an exception here would abort the JVM). */
    @SuppressWarnings("unused")
    private static void onWarning(MemorySegment message) {
        long n = WARNINGS.incrementAndGet();
        if (n > MAX_REPORTED_WARNINGS) return;
        try {
            String text = message.reinterpret(1000).getString(0);
            System.err.println("MuJoCo warning: " + text.strip()
                    + (n == MAX_REPORTED_WARNINGS ? " (further warnings are counted, not printed)" : ""));
        } catch (RuntimeException ignored) {
            // nothing useful to do: MuJoCo continues either way
        }
    }
}
