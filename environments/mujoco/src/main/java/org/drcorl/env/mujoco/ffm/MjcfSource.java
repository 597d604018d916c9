package org.drcorl.env.mujoco.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an MJCF model comes from: a file (a user's own model, e.g. one of Gymnasium's XML
 * files), a classpath resource (the models shipped inside a plugin jar) or a text generated in
 * memory (a navigation world: robot plus objects).
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

    /**
     * MJCF text generated in memory. It must be self-contained, like a resource: MuJoCo reads it
     * from a temporary file that is deleted after loading (the working directory is not touched).
     *
     * @param name what error messages call it, e.g. {@code "PointCircle1 scene"}
     */
    static MjcfSource text(String name, String xml) {
        return new TextSource(name, xml);
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

    /** MJCF text held in memory. */
    record TextSource(String name, String xml) implements MjcfSource {
        public TextSource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(xml, "xml");
            if (xml.isBlank()) throw new IllegalArgumentException("MJCF text '" + name + "' is empty");
        }

        @Override
        public String describe() {
            return "generated MJCF '" + name + "'";
        }

        /** Writes the text into a new temporary file, which the caller deletes. */
        Path writeTemporaryFile() {
            try {
                Path tmp = Files.createTempFile("drcorl-mjcf-", ".xml");
                try {
                    Files.writeString(tmp, xml);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                return tmp;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + describe() + " to a temporary file: " + e.getMessage(), e);
            }
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
