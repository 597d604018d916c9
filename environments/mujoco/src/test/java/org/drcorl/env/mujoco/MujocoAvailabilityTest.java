package org.drcorl.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drcorl.spi.Availability;
import org.junit.jupiter.api.Test;

/** Without the library the family still lists its tasks, says why they are unavailable, and refuses to create them. */
class MujocoAvailabilityTest {

    @Test
    void anUnavailableFamilyListsItsTasksAndRefusesWithTheReason() {
        String reason = "MuJoCo 2.2.2 not found (tried libmujoco.so.2.2.2); install it with `sudo apt-get install libmujoco2.2.2`";
        var provider = new MujocoTaskProvider(MujocoTaskCatalog.ALL, () -> Availability.unavailable(reason));
        assertFalse(provider.availability().available());
        assertEquals(MujocoTaskCatalog.ALL.size(), provider.tasks().size());
        String id = provider.tasks().getFirst().id();
        var e = assertThrows(IllegalStateException.class, () -> provider.create(id));
        assertTrue(e.getMessage().contains(id) && e.getMessage().contains("apt-get install libmujoco2.2.2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> provider.create("OfflineNoSuchTask-v0"),
                "an unknown id is a bad argument even when the family is unavailable");
    }

    @Test
    void specsAreDsrlsAndKnownWithoutTheLibrary() {
        var provider = new MujocoTaskProvider(MujocoTaskCatalog.ALL, () -> Availability.unavailable("test"));
        for (var spec : provider.tasks()) {
            var dsrl = org.drcorl.spi.DsrlTasks.find(spec.id()).orElseThrow(() -> new AssertionError(spec.id() + " is not a DSRL task"));
            assertEquals(dsrl.obsDim(), spec.observationDim(), spec.id());
            assertEquals(dsrl.actDim(), spec.actionDim(), spec.id());
            assertEquals(dsrl.maxEpisodeSteps(), spec.maxEpisodeSteps(), spec.id());
            assertEquals(dsrl.costThresholds(), spec.costThresholds(), spec.id());
            assertEquals("mujoco", spec.family());
        }
    }
}
