package org.drcorl.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drcorl.contract.TaskProviderContract;
import org.drcorl.env.mujoco.ffm.MjcfSource;
import org.drcorl.env.mujoco.ffm.MujocoLibrary;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "add a task" example, as written there: a user's MJCF file (here a copy of the
 * shipped HalfCheetah, standing in for Gymnasium's own file) plus one short class, run through
 * the host's task contract.
 */
class AddATaskExampleTest extends TaskProviderContract {
    private static Path userModel;

    /** The README's class, with the model path given by the test. */
    public static final class CheetahBackward extends MujocoTaskEnv {
        public static final TaskSpec SPEC = new TaskSpec("CheetahBackward-v0", "mujoco",
                "HalfCheetah runs backward; cost above 2 m/s", 17, 6, TaskSpec.symmetricBounds(6, -1f),
                TaskSpec.symmetricBounds(6, 1f), 1000, List.of(20.0, 40.0, 80.0), new NormalizationConstants(0, 3000, 250));

        public CheetahBackward() { super(SPEC, MjcfSource.file(userModel), 5, Root.x(0)); }
        @Override protected void writeObservation(float[] obs) { putQvel(obs, putQpos(obs, 0, 1)); }
        @Override protected double reward(float[] a) { return -velocityX() - 0.1 * sumOfSquares(a); }
        @Override protected double cost() { return -velocityX() > 2 ? 1 : 0; }
        @Override protected boolean terminated() { return false; }
    }

    @BeforeEach
    void userFile() throws Exception {
        var a = MujocoLibrary.availability();
        org.junit.jupiter.api.Assumptions.assumeTrue(a.available(), "MuJoCo not available: " + a.reason());
        if (userModel != null) return;
        userModel = Files.createTempFile("user-half-cheetah-", ".xml");
        userModel.toFile().deleteOnExit();
        try (InputStream in = MujocoModels.class.getResourceAsStream("models/half_cheetah.xml")) {
            Files.write(userModel, in.readAllBytes());
        }
    }

    @Override
    protected TaskProvider provider() {
        return new MujocoTaskProvider(List.of(new MujocoTaskDefinition(CheetahBackward.SPEC, CheetahBackward::new, null)),
                MujocoLibrary::availability);
    }

    @Override
    protected int probeSteps() {
        return 20;
    }

    @Test
    void runningBackwardFastEarnsRewardAndCosts() {
        try (var env = new CheetahBackward()) {
            env.reset(0);
            env.data().setQvel(0, -4);
            StepResult r = env.step(new float[6]);
            assertTrue(r.reward() > 2, "backward motion is rewarded: " + r.reward());
            assertEquals(1.0, r.cost());
        }
    }
}
