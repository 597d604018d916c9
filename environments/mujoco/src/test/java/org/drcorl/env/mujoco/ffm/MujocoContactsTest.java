package org.drcorl.env.mujoco.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contact list read through the binding: geoms that overlap are reported as a pair with their penetration, geoms apart are not. */
class MujocoContactsTest {
    /** No gravity: the free ball stays where it is put. Ball radius 0.1, post radius 0.1. */
    private static final String SCENE = """
            <mujoco model="contacts">
              <option gravity="0 0 0"/>
              <worldbody>
                <body name="ball" pos="0 0 1">
                  <freejoint/>
                  <geom name="ball" type="sphere" size="0.1"/>
                </body>
                <body name="post" pos="0.15 0 1">
                  <geom name="post" type="sphere" size="0.1"/>
                </body>
                <body name="ghost" pos="0 0 1">
                  <geom name="ghost" type="sphere" size="0.1" contype="0" conaffinity="0"/>
                </body>
              </worldbody>
            </mujoco>
            """;

    @BeforeEach
    void needsMujoco() {
        var a = MujocoLibrary.availability();
        assumeTrue(a.available(), "MuJoCo not available: " + a.reason());
    }

    @Test
    void overlappingGeomsReportOneContactApartNone() throws Exception {
        try (MujocoModel m = MujocoModel.load(MjcfSource.text("contacts", SCENE)); MujocoData d = m.makeData()) {
            int ball = m.geomId("ball"), post = m.geomId("post");
            assertEquals(3, m.ngeom());
            d.forward();
            // 0.15 apart, radii 0.1 each: touching, 0.05 deep; the non-colliding ghost overlaps the ball but is no contact
            assertEquals(1, d.contactCount());
            assertEquals(Set.of(ball, post), Set.of(d.contactGeom1(0), d.contactGeom2(0)));
            assertEquals(-0.05, d.contactDistance(0), 1e-9);
            // stepping collides too
            d.step();
            assertEquals(1, d.contactCount());

            m.setBodyPose(m.bodyId("post"), 0.5, 0, 1, 1, 0, 0, 0);
            d.forward();
            assertEquals(0, d.contactCount());
            assertThrows(IndexOutOfBoundsException.class, () -> d.contactGeom1(0));
        }
    }
}
