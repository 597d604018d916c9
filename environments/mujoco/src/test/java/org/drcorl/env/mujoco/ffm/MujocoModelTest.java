package org.drcorl.env.mujoco.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drcorl.env.mujoco.MujocoModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binding against the real library: loading, reading, stepping, resetting, errors. */
class MujocoModelTest {
    private static final String PENDULUM = """
            <mujoco model="pendulum">
              <option timestep="0.002"/>
              <worldbody>
                <body name="arm" pos="0 0 1">
                  <joint name="swing" type="hinge" axis="0 1 0"/>
                  <geom type="capsule" fromto="0 0 0 0 0 -0.5" size="0.05" mass="2"/>
                  <site name="tip" pos="0 0 -0.5"/>
                </body>
              </worldbody>
              <actuator><motor name="torque" joint="swing" gear="3" ctrllimited="true" ctrlrange="-1 1"/></actuator>
              <sensor><jointpos name="angle" joint="swing"/><framepos name="tip_pos" objtype="site" objname="tip"/></sensor>
            </mujoco>
            """;

    @BeforeEach
    void needsMujoco() {
        var a = MujocoLibrary.availability();
        assumeTrue(a.available(), "MuJoCo not available: " + a.reason());
    }

    @Test
    void aUserFileLoadsWithItsSizesNamesAndOptions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pendulum.xml");
        Files.writeString(file, PENDULUM);
        try (MujocoModel m = MujocoModel.load(MjcfSource.file(file))) {
            assertEquals(1, m.nq());
            assertEquals(1, m.nv());
            assertEquals(1, m.nu());
            assertEquals(2, m.nbody()); // world + arm
            assertEquals(2, m.nsensor());
            assertEquals(4, m.nsensordata());
            assertEquals(0.002, m.timestep());
            assertEquals(-9.81, m.gravity(2), 1e-12);
            assertEquals(3.0, m.actuatorGear(m.actuatorId("torque"), 0));
            assertEquals(-1.0, m.actuatorControlRange(0, 0));
            assertEquals(2.0, m.bodyMass(m.bodyId("arm")), 1e-12);
            assertEquals(MjLayout.JNT_HINGE, m.jointType(m.jointId("swing")));
            assertEquals(1, m.sensorAddress(m.sensorId("tip_pos")));
            assertEquals(3, m.sensorDimension(m.sensorId("tip_pos")));
            var e = assertThrows(IllegalArgumentException.class, () -> m.bodyId("no_such_body"));
            assertTrue(e.getMessage().contains("no_such_body") && e.getMessage().contains("pendulum.xml"), e.getMessage());
        }
    }

    @Test
    void aPendulumFallsAndResetsAndSensorsFollowIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pendulum.xml");
        Files.writeString(file, PENDULUM);
        try (MujocoModel m = MujocoModel.load(MjcfSource.file(file)); MujocoData d = m.makeData()) {
            d.setQpos(0, 0.3); // tilted: gravity swings it back through 0
            d.forward();
            assertEquals(0.3, d.sensor(0), 1e-12);
            assertEquals(1 - 0.5 * Math.cos(0.3), d.sensor(3), 1e-9); // tip height
            d.step(100);
            assertEquals(0.2, d.time(), 1e-12);
            assertTrue(d.qpos(0) < 0.3 && d.qvel(0) < 0, "swings back: q " + d.qpos(0) + ", v " + d.qvel(0));
            d.reset();
            assertEquals(0.0, d.qpos(0));
            assertEquals(0.0, d.time());
            // a control accelerates it the way the gear says: τ = 3·u
            d.setCtrl(0, 1);
            d.step();
            assertTrue(d.qvel(0) > 0, "positive torque, positive velocity: " + d.qvel(0));
            assertEquals(0, d.warnings());
        }
    }

    @Test
    void aShippedResourceLoads() throws Exception {
        try (MujocoModel m = MujocoModel.load(MujocoModels.shipped("half_cheetah.xml"))) {
            assertEquals(9, m.nq());
            assertEquals(6, m.nu());
            assertEquals(14.0, m.totalMass(), 1e-9);
        }
    }

    @Test
    void badModelsAreRejectedWithMujocosReasonAndTheSource(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<mujoco><worldbody><body><geom type=\"sphere\" size=\"-1\"/></body></wrold></mujoco>");
        var e = assertThrows(IllegalArgumentException.class, () -> MujocoModel.load(MjcfSource.file(broken)));
        assertTrue(e.getMessage().contains("broken.xml") && e.getMessage().length() > 40, e.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> MujocoModel.load(MjcfSource.file(dir.resolve("nope.xml"))));
        assertTrue(missing.getMessage().contains("nope.xml"), missing.getMessage());
        var noResource = assertThrows(IllegalArgumentException.class, () -> MujocoModel.load(MujocoModels.shipped("nope.xml")));
        assertTrue(noResource.getMessage().contains("nope.xml"), noResource.getMessage());
    }

    @Test
    void useAfterCloseThrowsInsteadOfTouchingFreedMemory() throws Exception {
        MujocoModel m = MujocoModel.load(MujocoModels.shipped("half_cheetah.xml"));
        MujocoData d = m.makeData();
        d.step();
        d.close();
        d.close(); // idempotent
        assertThrows(IllegalStateException.class, d::step);
        assertThrows(IllegalStateException.class, () -> d.qpos(0));
        MujocoData other = m.makeData();
        m.close();
        assertThrows(IllegalStateException.class, other::step, "stepping data of a closed model");
        other.close();
        assertThrows(IllegalStateException.class, m::timestep);
        assertNotEquals(0, MjLayout.VERSION);
    }

    /** A free box and a fixed marker: what the navigation additions read and write. */
    private static final String BOX = """
            <mujoco model="box">
              <option timestep="0.002" gravity="0 0 0"/>
              <worldbody>
                <body name="marker" pos="1 2 3"><geom type="sphere" size="0.1" contype="0" conaffinity="0"/></body>
                <body name="box" pos="0 0 1">
                  <freejoint name="free"/>
                  <geom type="box" size="0.1 0.1 0.1"/>
                </body>
              </worldbody>
            </mujoco>
            """;

    @Test
    void generatedTextLoadsAndItsErrorsNameIt() throws Exception {
        try (MujocoModel m = MujocoModel.load(MjcfSource.text("box scene", BOX))) {
            assertEquals(3, m.nbody());
            assertEquals(1.0, m.qpos0(2));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> MujocoModel.load(MjcfSource.text("broken scene", "<mujoco><wrold/>")));
        assertTrue(e.getMessage().contains("broken scene"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MjcfSource.text("empty", " "));
    }

    @Test
    void movedBodiesRotationMatricesVelocitiesAndQuaternions() throws Exception {
        try (MujocoModel m = MujocoModel.load(MjcfSource.text("box scene", BOX)); MujocoData d = m.makeData()) {
            int marker = m.bodyId("marker"), box = m.bodyId("box");
            // a yaw of 90°: the body's x axis is the world's y axis (column 0 of xmat)
            double h = Math.sqrt(0.5);
            m.setBodyPose(marker, -1, 0.5, 0.2, h, 0, 0, h);
            d.forward();
            assertEquals(-1, d.xpos(marker, 0), 1e-12);
            assertEquals(0.5, d.xpos(marker, 1), 1e-12);
            double[] r = new double[9];
            d.readXmat(marker, r);
            assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, r, 1e-12);
            assertEquals(m.bodyPosition(marker, 2), 0.2);
            assertThrows(IllegalArgumentException.class, () -> m.setBodyPose(marker, 0, 0, 0, 1, 1, 0, 0), "not unit");
            assertThrows(IllegalArgumentException.class, () -> m.setBodyPose(marker, Double.NaN, 0, 0, 1, 0, 0, 0));
            // a free body moving at (0.3, −0.2, 0.1) and spinning: its origin's velocity is the linear part
            d.setQvel(0, 0.3);
            d.setQvel(1, -0.2);
            d.setQvel(2, 0.1);
            d.setQvel(5, 2.0);
            d.forward();
            double[] v = new double[3];
            d.bodyLinearVelocity(box, v);
            assertArrayEquals(new double[] {0.3, -0.2, 0.1}, v, 1e-12);
            // quaternion → matrix: 90° about z, and about x
            double[] out = new double[11];
            d.quaternionToMatrix(new double[] {9, h, 0, 0, h}, 1, out, 2);
            assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, java.util.Arrays.copyOfRange(out, 2, 11), 1e-12);
            d.quaternionToMatrix(new double[] {h, h, 0, 0}, 0, out, 0);
            assertArrayEquals(new double[] {1, 0, 0, 0, 0, -1, 0, 1, 0}, java.util.Arrays.copyOf(out, 9), 1e-12);
        }
    }
}
