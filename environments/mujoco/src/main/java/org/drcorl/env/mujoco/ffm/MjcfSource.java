package org.drcorl.env.mujoco.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an MJCF model comes from: a file (a user's own model, e.g. one of Gymnasium's XML
 * files) or a classpath resource (the models shipped inside a plugin jar).
 */
public sealed interface MjcfSource {

    /** A readable description for error messages. */
    String describe();

    /** A model file on disk; files it includes are resolved relative to it, as MuJoCo does. */
    static MjcfSource file(Path path) {
        return new FileSource(path);
    }

    /**
     * A classpath resource resolved like {@link Class#getResourceAsStream}: relative to
     * {@code anchor}'s package unless it starts with {@code /}. It must be self-contained
     * (MuJoCo reads it from a temporary copy, so relative includes would not resolve).
     */
    static MjcfSource resource(Class<?> anchor, String name) {
        return new ResourceSource(anchor, name);
    }

    /** A file on disk. */
    record FileSource(Path path) implements MjcfSource {
        public FileSource {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** A classpath resource. */
    record ResourceSource(Class<?> anchor, String name) implements MjcfSource {
        public ResourceSource {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return "classpath resource " + name + " (next to " + anchor.getName() + ")";
        }

        /** Copies the resource into a new temporary file, which the caller deletes. */
        Path copyToTemporaryFile() {
            try (InputStream in = anchor.getResourceAsStream(name)) {
                if (in == null) throw new IllegalArgumentException("MJCF model not found: " + describe());
                Path tmp = Files.createTempFile("drcorl-mjcf-", ".xml");
                try {
                    Files.write(tmp, in.readAllBytes());
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                return tmp;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + describe() + ": " + e.getMessage(), e);
            }
        }
    }
}
