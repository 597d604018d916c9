package org.drcorl.env.mujoco.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every constant of {@link MjLayout} against the installed MuJoCo headers: compiles a C
 * program that prints {@code offsetof}/{@code sizeof}/enum values with gcc and compares.
 * Skipped (with the reason) where gcc or the headers ({@code libmujoco-dev}) are missing.
 */
class MjLayoutTest {
    private static final Path HEADER = Path.of("/usr/include/mujoco/mujoco.h");

    /** Java constant name → the C expression it must equal. */
    private static Map<String, String> expressions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("VERSION", "mjVERSION_HEADER");
        m.put("SIZEOF_MODEL", "sizeof(mjModel)");
        m.put("SIZEOF_DATA", "sizeof(mjData)");
        for (String f : new String[] {"nq", "nv", "nu", "na", "nbody", "njnt", "ngeom", "nsite", "nsensor", "nsensordata", "nconmax", "neq", "nmocap", "body_mocapid", "eq_data",
                "qpos0", "body_pos", "body_quat", "body_mass", "jnt_type", "jnt_qposadr", "jnt_dofadr", "jnt_range", "actuator_ctrlrange",
                "actuator_gear", "sensor_dim", "sensor_adr"}) {
            m.put("MODEL_" + f.toUpperCase(), "offsetof(mjModel, " + f + ")");
        }
        for (String f : new String[] {"timestep", "gravity", "viscosity", "integrator"}) {
            m.put("MODEL_OPT_" + f.toUpperCase(), "offsetof(mjModel, opt." + f + ")");
        }
        for (String f : new String[] {"warning", "time", "qpos", "qvel", "act", "qacc_warmstart", "ctrl", "qfrc_applied",
                "xfrc_applied", "qacc", "sensordata", "xpos", "xquat", "xmat", "subtree_com", "cvel", "cfrc_ext", "ncon", "contact", "mocap_pos"}) {
            m.put("DATA_" + f.toUpperCase(), "offsetof(mjData, " + f + ")");
        }
        m.put("SIZEOF_CONTACT", "sizeof(mjContact)");
        for (String f : new String[] {"dist", "geom1", "geom2"}) m.put("CONTACT_" + f.toUpperCase(), "offsetof(mjContact, " + f + ")");
        m.put("NWARNING", "mjNWARNING");
        m.put("NEQDATA", "mjNEQDATA");
        for (String o : new String[] {"BODY", "JOINT", "GEOM", "SITE", "EQUALITY", "ACTUATOR", "SENSOR"}) m.put("OBJ_" + o, "mjOBJ_" + o);
        m.put("INT_EULER", "mjINT_EULER");
        m.put("INT_RK4", "mjINT_RK4");
        for (String j : new String[] {"FREE", "BALL", "SLIDE", "HINGE"}) m.put("JNT_" + j, "mjJNT_" + j);
        return m;
    }

    @Test
    void everyConstantMatchesTheInstalledHeaders(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(HEADER), "MuJoCo headers not installed (" + HEADER + "; apt-get install libmujoco-dev)");
        assumeTrue(onPath("gcc"), "gcc not found: cannot compile the layout probe");
        Map<String, String> expressions = expressions();
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <mujoco/mujoco.h>\nint main(void) {\n");
        for (var e : expressions.entrySet()) {
            c.append("  printf(\"%s %lld\\n\", \"").append(e.getKey()).append("\", (long long) (").append(e.getValue()).append("));\n");
        }
        c.append("  return 0;\n}\n");
        Path source = dir.resolve("probe.c"), binary = dir.resolve("probe");
        Files.writeString(source, c);
        run(dir, "gcc", "-o", binary.toString(), source.toString());
        Map<String, Long> actual = new HashMap<>();
        for (String line : run(dir, binary.toString()).split("\n")) {
            String[] parts = line.trim().split(" ");
            actual.put(parts[0], Long.parseLong(parts[1]));
        }
        int checked = 0;
        for (Field f : MjLayout.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() == String.class) continue;
            assertTrue(expressions.containsKey(f.getName()), "MjLayout." + f.getName() + " has no C expression to check it against");
            long javaValue = ((Number) f.get(null)).longValue();
            assertEquals(actual.get(f.getName()), javaValue, "MjLayout." + f.getName() + " vs " + expressions.get(f.getName()));
            checked++;
        }
        assertEquals(expressions.size(), checked, "every probed expression is a constant of MjLayout");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }
}
