package org.drcorl.env.mujoco;

import org.drcorl.env.mujoco.ffm.MjcfSource;

/** The MJCF models shipped in this plugin's jar (under {@code org/drcorl/env/mujoco/models/}). */
public final class MujocoModels {
    private MujocoModels() {}

    /** A shipped model by file name, e.g. {@code half_cheetah.xml}. */
    public static MjcfSource shipped(String fileName) {
        return MjcfSource.resource(MujocoModels.class, "models/" + fileName);
    }
}
