package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DevicesTest {
    @Test
    void cpuAndAutoAlwaysWork() {
        assertEquals(Device.cpu(), Devices.select("cpu"));
        assertEquals(Device.cpu(), Devices.select(" CPU "));
        Device auto = Devices.select("auto");
        assertEquals(Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu(), auto);
    }

    @Test
    void unknownNamesAndMissingGpusAreRefusedClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> Devices.select("tpu"));
        assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
        int gpus = Engine.getInstance().getGpuCount();
        var missing = assertThrows(IllegalArgumentException.class, () -> Devices.select("gpu:" + gpus));
        assertTrue(missing.getMessage().contains("gpu:" + gpus), missing.getMessage());
    }

    @Test
    void threadCountIsSetForTheEngineAndZeroKeepsIt() {
        int before = Devices.threads();
        try {
            Devices.useThreads(1);
            assertEquals(1, Devices.threads());
            Devices.useThreads(0);
            assertEquals(1, Devices.threads(), "0 leaves the current setting");
            Devices.useThreads(2);
            assertEquals(2, Devices.threads());
            var huge = assertThrows(IllegalArgumentException.class, () -> Devices.useThreads(100_000));
            assertTrue(huge.getMessage().contains("at most " + Devices.maxThreads()), huge.getMessage());
            assertEquals(before, Devices.threads(), "a refused count changes nothing");
            var e = assertThrows(IllegalArgumentException.class, () -> Devices.useThreads(-1));
            assertTrue(e.getMessage().contains("-1"), e.getMessage());
        } finally {
            Devices.useThreads(before);
        }
    }
}
