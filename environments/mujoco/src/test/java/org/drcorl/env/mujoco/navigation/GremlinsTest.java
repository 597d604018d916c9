package org.drcorl.env.mujoco.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.ffm.MjLayout;
import org.drcorl.env.mujoco.ffm.MjcfSource;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compile-once gremlin against upstream's compile-per-layout one: a scene written as upstream's
 * {@code world.py} writes it for a gremlin at (x, y) with yaw θ (box at (x, y, 0.1) turned by θ, mocap
 * body at the origin with its geom at the box's place, a weld between them) has the same weld data as
 * our scene compiled with the box at the origin and then {@link Gremlins#place placed}, and the box
 * moves the same way when both mocaps are driven round the same circle.
 */
class GremlinsTest {
    private static final double X = 0.7, Y = -0.4, YAW = 1.1;

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    /** The Point scene with one gremlin as upstream compiles it for layout (X, Y, YAW). */
    private static String upstreamScene() {
        double w = Math.cos(YAW / 2), z = Math.sin(YAW / 2);
        String bodies = String.format(Locale.ROOT, """
                <body name="gremlin0obj" pos="%1$s %2$s 0.1" quat="%3$s 0 0 %4$s">
                  <freejoint name="gremlin0obj"/>
                  <geom name="gremlin0obj" type="box" size="0.1 0.1 0.1" density="0.001"/>
                </body>
                <body name="gremlin0mocap" mocap="true">
                  <geom name="gremlin0mocap" type="box" size="0.1 0.1 0.1" pos="%1$s %2$s 0.1" quat="%3$s 0 0 %4$s" contype="0" conaffinity="0"/>
                </body>
                """, X, Y, w, z);
        String scene = Robot.POINT.mjcf().replace(Robot.OBJECTS_MARKER, bodies);
        return scene.replace("</mujoco>", "  <equality><weld name=\"gremlin0mocap\" body1=\"gremlin0mocap\" body2=\"gremlin0obj\" solref=\".02 1.5\"/></equality>\n</mujoco>");
    }

    @Test
    void placingWritesWhatUpstreamsCompilerWouldAndTheBoxFollowsTheSamePath() throws Exception {
        Gremlins ours = new Gremlins(1, 0.35, Placement.of(-2, -2, 2, 2, 0.4));
        try (MujocoModel um = MujocoModel.load(MjcfSource.text("upstream gremlin", upstreamScene()));
             MujocoModel om = MujocoModel.load(NavigationScene.source("our gremlin", Robot.POINT, List.of(ours)));
             MujocoData ud = um.makeData(); MujocoData od = om.makeData()) {
            ours.bind(om);
            od.reset();
            ours.place(om, od, 0, X, Y, YAW);
            od.forward();
            ud.forward();
            int uw = um.equalityId("gremlin0mocap"), ow = om.equalityId("gremlin0mocap");
            for (int k = 0; k < MjLayout.NEQDATA; k++) assertEquals(um.equalityData(uw, k), om.equalityData(ow, k), 1e-12, "eq_data[" + k + "]");
            Gremlins upstreamMover = new Gremlins(1, 0.35, Placement.of(-2, -2, 2, 2, 0.4));
            upstreamMover.bind(um);
            int ub = um.bodyId("gremlin0obj"), ob = om.bodyId("gremlin0obj");
            for (int s = 0; s < 2000; s++) {
                upstreamMover.beforeSubstep(ud);
                ours.beforeSubstep(od);
                ud.step();
                od.step();
            }
            double t = ud.time();
            for (int a = 0; a < 3; a++) assertEquals(ud.xpos(ub, a), od.xpos(ob, a), 1e-9, "box axis " + a);
            // after 4 s it circles (X, Y) at radius 0.35 with phase t, floating at about 0.2
            assertEquals(X + 0.35 * Math.sin(t), od.xpos(ob, 0), 0.03);
            assertEquals(Y + 0.35 * Math.cos(t), od.xpos(ob, 1), 0.03);
            assertEquals(0.2, od.xpos(ob, 2), 0.02);
        }
    }
}
