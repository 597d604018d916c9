package org.drcorl.env.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.drcorl.env.mujoco.ffm.MjcfSource;

/** The MJCF models shipped in this plugin's jar (under {@code org/drcorl/env/mujoco/models/}). */
public final class MujocoModels {
    private MujocoModels() {}

    /** A shipped model by file name, e.g. {@code half_cheetah.xml}. */
    public static MjcfSource shipped(String fileName) {
        return MjcfSource.resource(MujocoModels.class, "models/" + fileName);
    }

    /** A shipped model's MJCF text, for a task that adds to it before loading (e.g. walls). */
    public static String shippedText(String fileName) {
        try (InputStream in = MujocoModels.class.getResourceAsStream("models/" + fileName)) {
            if (in == null) throw new IllegalArgumentException("MJCF model not found: models/" + fileName + " next to " + MujocoModels.class.getName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read models/" + fileName + ": " + e.getMessage(), e);
        }
    }
}
