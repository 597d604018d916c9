package org.drcorl.env.mujoco.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The simulation state of one model ({@code mjData}): positions, velocities, controls and
 * everything MuJoCo computes from them. Not thread-safe; one per environment.
 *
 * <p>Stepping and reading allocate nothing: the arrays are segments made once, bounded to
 * their sizes and tied to this object's lifetime (a read after {@link #close} throws
 * {@link IllegalStateException} rather than reading freed memory), and the downcalls pass
 * segments only. MuJoCo itself allocates all of {@code mjData} in {@code mj_makeData} and
 * frees it in {@code mj_deleteData}.
 */
public final class MujocoData implements AutoCloseable {
    private final MujocoModel model;
    private final MujocoLibrary library;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment modelPointer;
    private final MemorySegment data;
    private final MemorySegment mocapPos;
    private final MemorySegment qpos, qvel, act, qaccWarmstart, ctrl, qfrcApplied, xpos, xquat, xmat, sensordata, cfrcExt;
    /** Scratch for the helpers that call MuJoCo with arrays: the body Jacobian (3 × nv), a quaternion, a matrix. */
    private final MemorySegment jacobian, quatIn, matOut;
    /** The contact list, {@code nconmax} entries of {@link MjLayout#SIZEOF_CONTACT} bytes; the first {@link #contactCount()} are live. */
    private final MemorySegment contacts;
    private final int nconmax;
    private final int nq, nv, nu, nbody, nsensordata;
    private boolean closed;

    MujocoData(MujocoModel model) {
        this.model = model;
        this.library = model.library();
        this.modelPointer = model.pointer();
        MemorySegment pointer;
        try {
            pointer = (MemorySegment) library.makeData.invokeExact(modelPointer);
        } catch (Throwable t) {
            throw new IllegalStateException("mj_makeData failed for " + model.origin(), t);
        }
        if (pointer.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("mj_makeData returned NULL for " + model.origin() + " (out of memory?)");
        }
        data = pointer.reinterpret(MjLayout.SIZEOF_DATA, arena, null);
        nq = model.nq();
        nv = model.nv();
        nu = model.nu();
        nbody = model.nbody();
        nsensordata = model.nsensordata();
        qpos = array(MjLayout.DATA_QPOS, nq);
        qvel = array(MjLayout.DATA_QVEL, nv);
        act = array(MjLayout.DATA_ACT, model.na());
        qaccWarmstart = array(MjLayout.DATA_QACC_WARMSTART, nv);
        ctrl = array(MjLayout.DATA_CTRL, nu);
        qfrcApplied = array(MjLayout.DATA_QFRC_APPLIED, nv);
        xpos = array(MjLayout.DATA_XPOS, nbody * 3L);
        xquat = array(MjLayout.DATA_XQUAT, nbody * 4L);
        xmat = array(MjLayout.DATA_XMAT, nbody * 9L);
        sensordata = array(MjLayout.DATA_SENSORDATA, nsensordata);
        cfrcExt = array(MjLayout.DATA_CFRC_EXT, nbody * 6L);
        mocapPos = array(MjLayout.DATA_MOCAP_POS, model.nmocap() * 3L);
        nconmax = model.nconmax();
        contacts = data.get(ADDRESS, MjLayout.DATA_CONTACT).reinterpret((long) nconmax * MjLayout.SIZEOF_CONTACT, arena, null);
        // allocated once here and freed with the data, so the per-step helpers allocate nothing
        jacobian = arena.allocate(JAVA_DOUBLE, 3L * Math.max(1, nv));
        quatIn = arena.allocate(JAVA_DOUBLE, 4);
        matOut = arena.allocate(JAVA_DOUBLE, 9);
    }

    private MemorySegment array(long pointerOffset, long doubles) {
        return data.get(ADDRESS, pointerOffset).reinterpret(doubles * 8, arena, null);
    }

    /** The model this state belongs to. */
    public MujocoModel model() {
        return model;
    }

    /** One {@code mj_step}: advances the time by {@link MujocoModel#timestep()}. */
    public void step() {
        try {
            library.step.invokeExact(modelPointer, data);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mj_step failed", t);
        }
    }

    /** {@code n} consecutive {@code mj_step}s with the controls held (frame skip). */
    public void step(int n) {
        for (int i = 0; i < n; i++) step();
    }

    /** {@code mj_forward}: recomputes everything derived from the state without advancing time. */
    public void forward() {
        try {
            library.forward.invokeExact(modelPointer, data);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mj_forward failed", t);
        }
    }

    /** {@code mj_resetData}: back to {@code qpos0}, zero velocity, controls and time. */
    public void reset() {
        try {
            library.resetData.invokeExact(modelPointer, data);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mj_resetData failed", t);
        }
    }

    public double time() {
        return data.get(JAVA_DOUBLE, MjLayout.DATA_TIME);
    }

    public double qpos(int i) {
        return qpos.getAtIndex(JAVA_DOUBLE, i);
    }

    public void setQpos(int i, double value) {
        qpos.setAtIndex(JAVA_DOUBLE, i, value);
    }

    public double qvel(int i) {
        return qvel.getAtIndex(JAVA_DOUBLE, i);
    }

    public void setQvel(int i, double value) {
        qvel.setAtIndex(JAVA_DOUBLE, i, value);
    }

    public double act(int i) {
        return act.getAtIndex(JAVA_DOUBLE, i);
    }

    public double ctrl(int i) {
        return ctrl.getAtIndex(JAVA_DOUBLE, i);
    }

    public void setCtrl(int i, double value) {
        ctrl.setAtIndex(JAVA_DOUBLE, i, value);
    }

    /** Sets every control from {@code values} (length {@link MujocoModel#nu()}). */
    public void setControls(float[] values) {
        if (values.length != nu) {
            throw new IllegalArgumentException(model.origin() + ": " + values.length + " controls given, the model has " + nu);
        }
        for (int i = 0; i < nu; i++) ctrl.setAtIndex(JAVA_DOUBLE, i, values[i]);
    }

    /** Position of mocap body {@code mocap} ({@code mocap_pos[mocap][axis]}; the row is {@link MujocoModel#bodyMocapId}). */
    public double mocapPos(int mocap, int axis) {
        return mocapPos.getAtIndex(JAVA_DOUBLE, mocap * 3L + java.util.Objects.checkIndex(axis, 3));
    }

    /** Moves mocap body {@code mocap} to (x, y, z); the next step drags what is welded to it. */
    public void setMocapPos(int mocap, double x, double y, double z) {
        long at = java.util.Objects.checkIndex(mocap, (long) model.nmocap()) * 3L;
        mocapPos.setAtIndex(JAVA_DOUBLE, at, x);
        mocapPos.setAtIndex(JAVA_DOUBLE, at + 1, y);
        mocapPos.setAtIndex(JAVA_DOUBLE, at + 2, z);
    }

    /** Generalized force added by the user, e.g. a push in a test. */
    public void setQfrcApplied(int dof, double value) {
        qfrcApplied.setAtIndex(JAVA_DOUBLE, dof, value);
    }

    /** Cartesian position of a body's frame ({@code xpos[body][axis]}), as of the last forward pass. */
    public double xpos(int body, int axis) {
        return xpos.getAtIndex(JAVA_DOUBLE, body * 3L + java.util.Objects.checkIndex(axis, 3));
    }

    /** Orientation quaternion (w, x, y, z) of a body's frame ({@code xquat[body][k]}). */
    public double xquat(int body, int k) {
        return xquat.getAtIndex(JAVA_DOUBLE, body * 4L + java.util.Objects.checkIndex(k, 4));
    }

    /** Rotation matrix of a body's frame, row-major ({@code xmat[body][k]}, k in 0..8): column j is the body's axis j in the world. */
    public double xmat(int body, int k) {
        return xmat.getAtIndex(JAVA_DOUBLE, java.util.Objects.checkIndex(body, nbody) * 9L + java.util.Objects.checkIndex(k, 9));
    }

    /** Copies a body's position ({@code xpos}, 3 values) into {@code out}. */
    public void readXpos(int body, double[] out) {
        java.util.Objects.checkIndex(body, nbody);
        for (int k = 0; k < 3; k++) out[k] = xpos.getAtIndex(JAVA_DOUBLE, body * 3L + k);
    }

    /** Copies a body's rotation matrix ({@code xmat}, 9 values row-major) into {@code out}. */
    public void readXmat(int body, double[] out) {
        java.util.Objects.checkIndex(body, nbody);
        for (int k = 0; k < 9; k++) out[k] = xmat.getAtIndex(JAVA_DOUBLE, body * 9L + k);
    }

    /**
     * World-frame linear velocity of a body's frame origin, {@code J·qvel} with {@code J} from
     * {@code mj_jacBody} (the translational Jacobian at the body's {@code xpos}), into
     * {@code out[0..2]}. This is how Safety-Gymnasium measures an agent's velocity
     * ({@code BaseAgent.vel}, {@code safety_gymnasium/bases/base_agent.py}); it uses the
     * kinematics of the last forward pass, so call {@link #forward} after stepping.
     */
    public void bodyLinearVelocity(int body, double[] out) {
        java.util.Objects.checkIndex(body, nbody);
        try {
            library.jacBody.invokeExact(modelPointer, data, jacobian, MemorySegment.NULL, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mj_jacBody failed", t);
        }
        for (int r = 0; r < 3; r++) {
            double v = 0;
            for (int i = 0; i < nv; i++) v += jacobian.getAtIndex(JAVA_DOUBLE, (long) r * nv + i) * qvel.getAtIndex(JAVA_DOUBLE, i);
            out[r] = v;
        }
    }

    /**
     * MuJoCo's {@code mju_quat2Mat}: the row-major rotation matrix of quaternion
     * {@code quat[from..from+3]} (w, x, y, z), into {@code out[at..at+8]}. MuJoCo's own routine
     * rather than a port, so a ball joint's matrix observation (Safety-Gymnasium's
     * {@code quat2mat}, which calls it) is bit for bit MuJoCo's.
     */
    public void quaternionToMatrix(double[] quat, int from, double[] out, int at) {
        for (int k = 0; k < 4; k++) quatIn.setAtIndex(JAVA_DOUBLE, k, quat[from + k]);
        try {
            library.quat2Mat.invokeExact(matOut, quatIn);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mju_quat2Mat failed", t);
        }
        for (int k = 0; k < 9; k++) out[at + k] = matOut.getAtIndex(JAVA_DOUBLE, k);
    }

    /** {@code sensordata[i]}; a sensor's values start at {@link MujocoModel#sensorAddress}. */
    public double sensor(int i) {
        return sensordata.getAtIndex(JAVA_DOUBLE, i);
    }

    /** External (contact) force and torque on a body, com-based ({@code cfrc_ext[body][k]}). */
    public double cfrcExt(int body, int k) {
        return cfrcExt.getAtIndex(JAVA_DOUBLE, body * 6L + java.util.Objects.checkIndex(k, 6));
    }

    /**
     * Contacts found by the last collision pass ({@code ncon}; {@code mj_step} and {@code mj_forward}
     * both run one), each a pair of geoms read by {@link #contactGeom1}, {@link #contactGeom2}.
     */
    public int contactCount() {
        return data.get(JAVA_INT, MjLayout.DATA_NCON);
    }

    /** The first geom of contact {@code i} ({@code contact[i].geom1}), i below {@link #contactCount()}. */
    public int contactGeom1(int i) {
        return contacts.get(JAVA_INT, contactOffset(i) + MjLayout.CONTACT_GEOM1);
    }

    /** The second geom of contact {@code i} ({@code contact[i].geom2}). */
    public int contactGeom2(int i) {
        return contacts.get(JAVA_INT, contactOffset(i) + MjLayout.CONTACT_GEOM2);
    }

    /** The distance between contact {@code i}'s nearest points ({@code contact[i].dist}; negative: penetration). */
    public double contactDistance(int i) {
        return contacts.get(JAVA_DOUBLE, contactOffset(i) + MjLayout.CONTACT_DIST);
    }

    private long contactOffset(int i) {
        return java.util.Objects.checkIndex(i, contactCount()) * MjLayout.SIZEOF_CONTACT;
    }

    /** Copies qpos into {@code out} (length ≥ nq). */
    public void readQpos(double[] out) {
        for (int i = 0; i < nq; i++) out[i] = qpos.getAtIndex(JAVA_DOUBLE, i);
    }

    /** Copies qvel into {@code out} (length ≥ nv). */
    public void readQvel(double[] out) {
        for (int i = 0; i < nv; i++) out[i] = qvel.getAtIndex(JAVA_DOUBLE, i);
    }

    /** Clears the warm-start accelerations, so that a reset episode does not depend on the one before. */
    public void clearWarmstart() {
        qaccWarmstart.fill((byte) 0);
    }

    /**
     * Warnings MuJoCo raised on this state so far (sum of {@code warning[i].number}); a bad
     * simulation (NaN, huge accelerations) makes MuJoCo reset the state and count one.
     */
    public long warnings() {
        long n = 0;
        for (int i = 0; i < MjLayout.NWARNING; i++) n += data.get(JAVA_INT, MjLayout.DATA_WARNING + 8L * i + 4);
        return n;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Frees the state; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        MemorySegment raw = MemorySegment.ofAddress(data.address());
        arena.close();
        try {
            library.deleteData.invokeExact(raw);
        } catch (Throwable t) {
            throw new IllegalStateException("mj_deleteData failed", t);
        }
    }
}
