package org.drcorl.env.mujoco.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link MujocoLibraryTest}: opens the library (installing drcorl's
 * handlers), registers a shutdown hook that writes {@code args[0]}, then makes MuJoCo report a
 * fatal error through {@code mju_error}.
 */
public final class MujocoErrorProbe {
    private MujocoErrorProbe() {}

    public static void main(String[] args) throws Throwable {
        MujocoLibrary library = MujocoLibrary.shared();
        Path marker = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(marker, "hooks ran");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        try (Arena arena = Arena.ofConfined()) {
            var mjuError = Linker.nativeLinker().downcallHandle(
                    SymbolLookup.libraryLookup(library.source(), arena).find("mju_error").orElseThrow(),
                    FunctionDescriptor.ofVoid(ADDRESS));
            mjuError.invokeExact(arena.allocateFrom("probe error 42"));
        }
        System.out.println("RETURNED from mju_error");
    }
}
