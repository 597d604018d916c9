package org.drcorl.env.mujoco.navigation;

import java.util.List;
import org.drcorl.env.mujoco.ffm.MjcfSource;

/**
 * The world builder: one task's scene as MJCF, the robot's XML with every object's bodies
 * appended to its {@code worldbody}, as upstream's {@code World.build} does ({@code world.py:103-426}).
 *
 * <p>Upstream regenerates and recompiles the scene at every reset. Here the scene is compiled once
 * per environment and each reset moves what the layout draws (for the Circle tasks only the agent:
 * {@link Robot#place}). For the Circle tasks that is the same start state: their objects stand at
 * constant places and {@code mj_resetData} restores what a fresh {@code mjData} holds (time 0,
 * zero velocities and warm start, joints at {@code qpos0}). It is also much cheaper. Measured on
 * this shared 2-core machine under load (2026-12-06): compiling a Circle scene takes about 80 ms and
 * {@code mj_makeData} plus {@code mj_forward} another 70 ms (the robots' {@code njmax 3000, nconmax 1000}
 * make MuJoCo allocate and clear a large arena; without them both take about 2-4 ms), while
 * {@code mj_resetData}, placing the agent and {@code mj_forward} take about 1.8 ms. A 500-step episode
 * simulates in about 40 ms (Point) or 130 ms (Car), so recompiling per reset would cost 1-4× the
 * episode itself. Tasks whose objects move each reset (hazards: {@code body_pos}; vases: free-joint
 * qpos; gremlins: also the welds' {@code eq_data}, NAVIGATION.md §10) can do the same or recompile
 * from {@link #mjcf}.
 */
public final class NavigationScene {
    private NavigationScene() {}

    /** The scene's MJCF: the robot with the objects' bodies, in registration order. */
    public static String mjcf(Robot robot, List<? extends NavigationObject> objects) {
        StringBuilder bodies = new StringBuilder(), equality = new StringBuilder();
        for (NavigationObject o : objects) {
            bodies.append(o.mjcf());
            equality.append(o.equalityMjcf());
        }
        String scene = robot.mjcf().replace(Robot.OBJECTS_MARKER, bodies.toString().strip().replace("\n", "\n    "));
        if (equality.isEmpty()) return scene;
        int end = scene.lastIndexOf("</mujoco>");
        if (end < 0) throw new IllegalArgumentException(robot.name() + ": the MJCF has no closing </mujoco>");
        return scene.substring(0, end) + "  <equality>\n    " + equality.toString().strip().replace("\n", "\n    ") + "\n  </equality>\n" + scene.substring(end);
    }

    /** The scene as a model source, named for error messages. */
    public static MjcfSource source(String name, Robot robot, List<? extends NavigationObject> objects) {
        return MjcfSource.text(name, mjcf(robot, objects));
    }
}
