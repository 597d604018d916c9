package org.drcorl.env.mujoco.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A compiled MuJoCo model ({@code mjModel}), loaded from MJCF. Read-only from Java except the
 * timestep and the fixed placement of bodies ({@link #setBodyPose}): the sizes are read once
 * at load; arrays are read through segments bounded to their sizes and tied to this model's
 * lifetime, so a read after {@link #close} throws instead of touching freed memory. Close it
 * after every {@link MujocoData} made from it.
 */
public final class MujocoModel implements AutoCloseable {
    private final MujocoLibrary library;
    private final String origin;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment model;
    private final int nq, nv, nu, na, nbody, njnt, ngeom, nconmax, neq, nmocap, nsensor, nsensordata;
    private final MemorySegment qpos0, bodyPos, bodyQuat, bodyMass, jntType, jntQposAdr, jntDofAdr, jntRange, actuatorGear, actuatorCtrlRange,
            sensorAdr, sensorDim, bodyMocapId, eqData;
    private boolean closed;

    private MujocoModel(MujocoLibrary library, MemorySegment pointer, String origin) {
        this.library = library;
        this.origin = origin;
        this.model = pointer.reinterpret(MjLayout.SIZEOF_MODEL, arena, null);
        nq = model.get(JAVA_INT, MjLayout.MODEL_NQ);
        nv = model.get(JAVA_INT, MjLayout.MODEL_NV);
        nu = model.get(JAVA_INT, MjLayout.MODEL_NU);
        na = model.get(JAVA_INT, MjLayout.MODEL_NA);
        nbody = model.get(JAVA_INT, MjLayout.MODEL_NBODY);
        njnt = model.get(JAVA_INT, MjLayout.MODEL_NJNT);
        ngeom = model.get(JAVA_INT, MjLayout.MODEL_NGEOM);
        nconmax = model.get(JAVA_INT, MjLayout.MODEL_NCONMAX);
        neq = model.get(JAVA_INT, MjLayout.MODEL_NEQ);
        nmocap = model.get(JAVA_INT, MjLayout.MODEL_NMOCAP);
        nsensor = model.get(JAVA_INT, MjLayout.MODEL_NSENSOR);
        nsensordata = model.get(JAVA_INT, MjLayout.MODEL_NSENSORDATA);
        qpos0 = array(MjLayout.MODEL_QPOS0, nq * 8L);
        bodyPos = array(MjLayout.MODEL_BODY_POS, nbody * 3L * 8);
        bodyQuat = array(MjLayout.MODEL_BODY_QUAT, nbody * 4L * 8);
        bodyMass = array(MjLayout.MODEL_BODY_MASS, nbody * 8L);
        jntType = array(MjLayout.MODEL_JNT_TYPE, njnt * 4L);
        jntQposAdr = array(MjLayout.MODEL_JNT_QPOSADR, njnt * 4L);
        jntDofAdr = array(MjLayout.MODEL_JNT_DOFADR, njnt * 4L);
        jntRange = array(MjLayout.MODEL_JNT_RANGE, njnt * 2L * 8);
        actuatorGear = array(MjLayout.MODEL_ACTUATOR_GEAR, nu * 6L * 8);
        actuatorCtrlRange = array(MjLayout.MODEL_ACTUATOR_CTRLRANGE, nu * 2L * 8);
        sensorAdr = array(MjLayout.MODEL_SENSOR_ADR, nsensor * 4L);
        sensorDim = array(MjLayout.MODEL_SENSOR_DIM, nsensor * 4L);
        bodyMocapId = array(MjLayout.MODEL_BODY_MOCAPID, nbody * 4L);
        eqData = array(MjLayout.MODEL_EQ_DATA, (long) neq * MjLayout.NEQDATA * 8);
    }

    private MemorySegment array(long pointerOffset, long bytes) {
        return model.get(ADDRESS, pointerOffset).reinterpret(bytes, arena, null);
    }

    /** Loads and compiles an MJCF model with the shared library. */
    public static MujocoModel load(MjcfSource source) throws MujocoUnavailableException {
        return load(MujocoLibrary.shared(), source);
    }

    /**
     * Loads and compiles an MJCF model.
     *
     * @throws IllegalArgumentException if the file is missing or MuJoCo rejects it (the message
     *                                  carries MuJoCo's own error text and names the source)
     */
    public static MujocoModel load(MujocoLibrary library, MjcfSource source) {
        return switch (source) {
            case MjcfSource.FileSource f -> {
                if (!Files.isRegularFile(f.path())) {
                    throw new IllegalArgumentException("MJCF model file not found: " + f.path());
                }
                yield loadFile(library, f.path().toAbsolutePath(), source.describe());
            }
            case MjcfSource.ResourceSource r -> loadTemporaryCopy(library, r.copyToTemporaryFile(), source.describe());
            case MjcfSource.TextSource t -> loadTemporaryCopy(library, t.writeTemporaryFile(), source.describe());
        };
    }

    /** Loads a temporary file made for the purpose and deletes it (mj_loadXML reads files only). */
    private static MujocoModel loadTemporaryCopy(MujocoLibrary library, Path tmp, String origin) {
        try {
            return loadFile(library, tmp, origin);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static MujocoModel loadFile(MujocoLibrary library, Path file, String origin) {
        final int errorSize = 1000;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment path = call.allocateFrom(file.toString());
            MemorySegment error = call.allocate(errorSize);
            MemorySegment pointer;
            synchronized (MujocoLibrary.LOAD_LOCK) {
                pointer = (MemorySegment) library.loadXml.invokeExact(path, MemorySegment.NULL, error, errorSize);
                // The parser keeps its last model in a global until the next load; free it now.
                library.freeLastXml.invokeExact();
            }
            if (pointer.equals(MemorySegment.NULL)) {
                String message = error.getString(0).strip();
                throw new IllegalArgumentException("MuJoCo cannot load the MJCF model " + origin + ": "
                        + (message.isEmpty() ? "no reason given" : message));
            }
            return new MujocoModel(library, pointer, origin);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mj_loadXML failed for " + origin, t);
        }
    }

    MujocoLibrary library() {
        return library;
    }

    /** The native {@code mjModel*}, for downcalls; invalid after {@link #close}. */
    MemorySegment pointer() {
        return model;
    }

    /** Where the model was loaded from. */
    public String origin() {
        return origin;
    }

    public int nq() {
        return nq;
    }

    public int nv() {
        return nv;
    }

    public int nu() {
        return nu;
    }

    public int na() {
        return na;
    }

    public int nbody() {
        return nbody;
    }

    public int njnt() {
        return njnt;
    }

    public int ngeom() {
        return ngeom;
    }

    /** Room in the contact list ({@code nconmax}): the most contacts a collision pass can report. */
    public int nconmax() {
        return nconmax;
    }

    /** Equality constraints ({@code neq}). */
    public int neq() {
        return neq;
    }

    /** Mocap bodies ({@code nmocap}). */
    public int nmocap() {
        return nmocap;
    }

    /** A body's row in {@code mjData.mocap_pos} ({@code body_mocapid}), −1 if it is no mocap body. */
    public int bodyMocapId(int body) {
        return bodyMocapId.getAtIndex(JAVA_INT, java.util.Objects.checkIndex(body, nbody));
    }

    /** Number {@code k} (below {@link MjLayout#NEQDATA}) of equality {@code eq}'s {@code eq_data}. */
    public double equalityData(int eq, int k) {
        return eqData.getAtIndex(JAVA_DOUBLE, java.util.Objects.checkIndex(eq, neq) * (long) MjLayout.NEQDATA
                + java.util.Objects.checkIndex(k, MjLayout.NEQDATA));
    }

    /**
     * Writes number {@code k} of equality {@code eq}'s {@code eq_data}: a weld's relative pose is fixed
     * at compile time from the bodies' compiled poses, so a scene that moves a welded body must write
     * the new one (indices 3-5 position, 6-9 quaternion).
     */
    public void setEqualityData(int eq, int k, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(origin + ": equality " + eq + " data must be finite, got " + value);
        eqData.setAtIndex(JAVA_DOUBLE, java.util.Objects.checkIndex(eq, neq) * (long) MjLayout.NEQDATA
                + java.util.Objects.checkIndex(k, MjLayout.NEQDATA), value);
    }

    public int nsensor() {
        return nsensor;
    }

    public int nsensordata() {
        return nsensordata;
    }

    /** {@code opt.timestep}: seconds per {@code mj_step}. */
    public double timestep() {
        return model.get(JAVA_DOUBLE, MjLayout.MODEL_OPT_TIMESTEP);
    }

    /**
     * Sets {@code opt.timestep}, e.g. to make a whole number of steps fit a task's control
     * period. Takes effect at the next {@code mj_step} of every data of this model.
     */
    public void setTimestep(double seconds) {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException(origin + ": timestep must be positive and finite, got " + seconds);
        }
        model.set(JAVA_DOUBLE, MjLayout.MODEL_OPT_TIMESTEP, seconds);
    }

    /** {@code opt.viscosity} of the medium. */
    public double viscosity() {
        return model.get(JAVA_DOUBLE, MjLayout.MODEL_OPT_VISCOSITY);
    }

    /** {@code opt.gravity[axis]}. */
    public double gravity(int axis) {
        return model.get(JAVA_DOUBLE, MjLayout.MODEL_OPT_GRAVITY + 8L * java.util.Objects.checkIndex(axis, 3));
    }

    /** {@code opt.integrator} ({@link MjLayout#INT_EULER}, {@link MjLayout#INT_RK4}, ...). */
    public int integrator() {
        return model.get(JAVA_INT, MjLayout.MODEL_OPT_INTEGRATOR);
    }

    /** {@code qpos0[i]}: the default pose MuJoCo resets to. */
    public double qpos0(int i) {
        return qpos0.getAtIndex(JAVA_DOUBLE, i);
    }

    /** {@code body_pos[body][axis]}: the body's position in its parent's frame, as compiled or last set. */
    public double bodyPosition(int body, int axis) {
        return bodyPos.getAtIndex(JAVA_DOUBLE, java.util.Objects.checkIndex(body, nbody) * 3L + java.util.Objects.checkIndex(axis, 3));
    }

    /** {@code body_quat[body][k]} (w, x, y, z): the body's orientation in its parent's frame. */
    public double bodyQuaternion(int body, int k) {
        return bodyQuat.getAtIndex(JAVA_DOUBLE, java.util.Objects.checkIndex(body, nbody) * 4L + java.util.Objects.checkIndex(k, 4));
    }

    /**
     * Moves a body relative to its parent, as if the MJCF had said {@code pos="x y z" quat="w qx qy qz"}:
     * how a navigation world places its agent and objects at reset without compiling a new model.
     * This is what the compiler would store for a body without a free joint (a free joint's pose
     * lives in qpos instead). It takes effect at the next {@code mj_forward}/{@code mj_step} of
     * every data of this model.
     *
     * @throws IllegalArgumentException if a value is not finite or the quaternion is not unit length
     *                                  (to 1e-9: the compiler normalizes, this setter does not)
     */
    public void setBodyPose(int body, double x, double y, double z, double w, double qx, double qy, double qz) {
        java.util.Objects.checkIndex(body, nbody);
        double[] values = {x, y, z, w, qx, qy, qz};
        for (double v : values) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException(origin + ": body " + body + " pose has a non-finite value");
        }
        double norm = Math.sqrt(w * w + qx * qx + qy * qy + qz * qz);
        if (Math.abs(norm - 1) > 1e-9) {
            throw new IllegalArgumentException(origin + ": body " + body + " quaternion must be unit length, its norm is " + norm);
        }
        for (int k = 0; k < 3; k++) bodyPos.setAtIndex(JAVA_DOUBLE, body * 3L + k, values[k]);
        for (int k = 0; k < 4; k++) bodyQuat.setAtIndex(JAVA_DOUBLE, body * 4L + k, values[3 + k]);
    }

    public double bodyMass(int body) {
        return bodyMass.getAtIndex(JAVA_DOUBLE, body);
    }

    /** Sum of all body masses. */
    public double totalMass() {
        double m = 0;
        for (int b = 0; b < nbody; b++) m += bodyMass(b);
        return m;
    }

    public int jointType(int joint) {
        return jntType.getAtIndex(JAVA_INT, joint);
    }

    /** First index of a joint's coordinates in qpos. */
    public int jointQposAddress(int joint) {
        return jntQposAdr.getAtIndex(JAVA_INT, joint);
    }

    /** First index of a joint's velocities in qvel. */
    public int jointDofAddress(int joint) {
        return jntDofAdr.getAtIndex(JAVA_INT, joint);
    }

    /** {@code jnt_range[joint][0 or 1]}: a limited joint's range (radians for a hinge, whatever the MJCF's angle unit). */
    public double jointRange(int joint, int bound) {
        return jntRange.getAtIndex(JAVA_DOUBLE, joint * 2L + java.util.Objects.checkIndex(bound, 2));
    }

    /** {@code actuator_gear[actuator][k]}, k in 0..5 (k = 0 scales a joint actuator's force). */
    public double actuatorGear(int actuator, int k) {
        return actuatorGear.getAtIndex(JAVA_DOUBLE, actuator * 6L + java.util.Objects.checkIndex(k, 6));
    }

    /** {@code actuator_ctrlrange[actuator][0 or 1]}. */
    public double actuatorControlRange(int actuator, int bound) {
        return actuatorCtrlRange.getAtIndex(JAVA_DOUBLE, actuator * 2L + java.util.Objects.checkIndex(bound, 2));
    }

    /** First index of a sensor's values in sensordata. */
    public int sensorAddress(int sensor) {
        return sensorAdr.getAtIndex(JAVA_INT, sensor);
    }

    public int sensorDimension(int sensor) {
        return sensorDim.getAtIndex(JAVA_INT, sensor);
    }

    public int bodyId(String name) {
        return id(MjLayout.OBJ_BODY, "body", name);
    }

    public int jointId(String name) {
        return id(MjLayout.OBJ_JOINT, "joint", name);
    }

    public int actuatorId(String name) {
        return id(MjLayout.OBJ_ACTUATOR, "actuator", name);
    }

    public int sensorId(String name) {
        return id(MjLayout.OBJ_SENSOR, "sensor", name);
    }

    public int equalityId(String name) {
        return id(MjLayout.OBJ_EQUALITY, "equality", name);
    }

    public int geomId(String name) {
        return id(MjLayout.OBJ_GEOM, "geom", name);
    }

    public int siteId(String name) {
        return id(MjLayout.OBJ_SITE, "site", name);
    }

    /**
     * The id of a named object of an {@code mjtObj} type.
     *
     * @throws IllegalArgumentException if the model has no such object (naming the model)
     */
    public int id(int objectType, String kind, String name) {
        try (Arena call = Arena.ofConfined()) {
            int id = (int) library.name2id.invokeExact(model, objectType, call.allocateFrom(name));
            if (id < 0) throw new IllegalArgumentException(origin + " has no " + kind + " named '" + name + "'");
            return id;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mj_name2id failed", t);
        }
    }

    /** Makes a fresh {@code mjData} for this model, at the default pose. */
    public MujocoData makeData() {
        return new MujocoData(this);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Frees the model; idempotent. Data made from it must be closed first. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        MemorySegment raw = MemorySegment.ofAddress(model.address());
        arena.close();
        try {
            library.deleteModel.invokeExact(raw);
        } catch (Throwable t) {
            throw new IllegalStateException("mj_deleteModel failed", t);
        }
    }
}
