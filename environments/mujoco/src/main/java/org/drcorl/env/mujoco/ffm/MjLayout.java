package org.drcorl.env.mujoco.ffm;

/**
 * Byte offsets into MuJoCo 2.2.2's {@code mjModel} and {@code mjData} structs, and the enum
 * values the binding passes, for x86-64 Linux (LP64, 8-byte {@code mjtNum}).
 *
 * <p>These are the only facts about MuJoCo's memory layout the binding relies on. They change
 * between MuJoCo releases, which is why {@link MujocoLibrary} refuses any library whose
 * {@code mj_version()} is not {@link #VERSION}. They were read from the 2.2.2 headers
 * ({@code /usr/include/mujoco}) with {@code offsetof}; {@code MjLayoutTest} compiles a small C
 * program against the installed headers and checks every constant here against it, so a
 * wrong value fails the build where the headers are present. At run time only the shared
 * library is needed.
 */
public final class MjLayout {
    private MjLayout() {}

    /** {@code mj_version()} of the one MuJoCo release this layout describes: 2.2.2. */
    public static final int VERSION = 222;
    /** The Debian package that provides it. */
    public static final String DEBIAN_PACKAGE = "libmujoco2.2.2";

    public static final long SIZEOF_MODEL = 3280;
    public static final long SIZEOF_DATA = 41176;

    // mjModel: sizes (int)
    public static final long MODEL_NQ = 0;
    public static final long MODEL_NV = 4;
    public static final long MODEL_NU = 8;
    public static final long MODEL_NA = 12;
    public static final long MODEL_NBODY = 16;
    public static final long MODEL_NJNT = 20;
    public static final long MODEL_NGEOM = 24;
    public static final long MODEL_NSITE = 28;
    /** {@code neq}: equality constraints (the gremlins' welds). */
    public static final long MODEL_NEQ = 112;
    /** {@code nmocap}: mocap bodies. */
    public static final long MODEL_NMOCAP = 156;
    public static final long MODEL_NSENSOR = 124;
    public static final long MODEL_NSENSORDATA = 224;
    /** {@code nconmax}: the size of {@code mjData.contact} (the robots set 1000). */
    public static final long MODEL_NCONMAX = 212;
    // mjModel.opt (mjOption, embedded)
    public static final long MODEL_OPT_TIMESTEP = 232;
    public static final long MODEL_OPT_GRAVITY = 280;
    public static final long MODEL_OPT_VISCOSITY = 360;
    public static final long MODEL_OPT_INTEGRATOR = 432;
    // mjModel: pointers into the model's buffer
    public static final long MODEL_QPOS0 = 1096;
    /** {@code body_pos}: a body's position in its parent's frame (nbody × 3); written to place a fixed body. */
    public static final long MODEL_BODY_POS = 1208;
    /** {@code body_quat}: a body's orientation in its parent's frame (nbody × 4, w x y z). */
    public static final long MODEL_BODY_QUAT = 1216;
    public static final long MODEL_BODY_MASS = 1240;
    /** {@code body_mocapid}: a body's index into {@code mjData.mocap_pos}, −1 if it is no mocap body (nbody ints). */
    public static final long MODEL_BODY_MOCAPID = 1136;
    /** {@code eq_data}: each equality's numbers (neq × {@link #NEQDATA}); a weld's are anchor (3), relative pos (3), relative quat (4), torque scale. */
    public static final long MODEL_EQ_DATA = 2504;
    public static final long MODEL_JNT_TYPE = 1280;
    public static final long MODEL_JNT_QPOSADR = 1288;
    public static final long MODEL_JNT_DOFADR = 1296;
    public static final long MODEL_JNT_RANGE = 1368;
    public static final long MODEL_ACTUATOR_CTRLRANGE = 2792;
    public static final long MODEL_ACTUATOR_GEAR = 2816;
    public static final long MODEL_SENSOR_DIM = 2920;
    public static final long MODEL_SENSOR_ADR = 2928;

    // mjData
    /** {@code mjWarningStat warning[mjNWARNING]}, each {@code {int lastinfo; int number;}}. */
    public static final long DATA_WARNING = 24;
    /** {@code ncon}: contacts detected by the last collision pass (an int). */
    public static final long DATA_NCON = 40332;
    public static final long DATA_TIME = 40336;
    public static final long DATA_QPOS = 40376;
    public static final long DATA_QVEL = 40384;
    public static final long DATA_ACT = 40392;
    public static final long DATA_QACC_WARMSTART = 40400;
    public static final long DATA_CTRL = 40408;
    public static final long DATA_QFRC_APPLIED = 40416;
    public static final long DATA_XFRC_APPLIED = 40424;
    public static final long DATA_QACC = 40448;
    /** {@code mocap_pos}: the mocap bodies' positions, written by the user before a step (nmocap × 3). */
    public static final long DATA_MOCAP_POS = 40432;
    public static final long DATA_SENSORDATA = 40472;
    public static final long DATA_XPOS = 40480;
    public static final long DATA_XQUAT = 40488;
    /** {@code xmat}: each body's rotation matrix, row-major (nbody × 9). */
    public static final long DATA_XMAT = 40496;
    public static final long DATA_SUBTREE_COM = 40600;
    public static final long DATA_CVEL = 40960;
    public static final long DATA_CFRC_EXT = 41168;
    /** {@code contact}: pointer to the contact list, {@code nconmax} × {@code mjContact}, fixed for the data's life. */
    public static final long DATA_CONTACT = 40752;

    // mjContact: one detected contact
    public static final long SIZEOF_CONTACT = 528;
    /** {@code dist}: distance between the nearest points (negative: penetration), an mjtNum. */
    public static final long CONTACT_DIST = 0;
    /** {@code geom1}, {@code geom2}: the two geoms' ids (ints). */
    public static final long CONTACT_GEOM1 = 508;
    public static final long CONTACT_GEOM2 = 512;

    /** {@code mjNEQDATA}: numbers per equality constraint in {@code eq_data}. */
    public static final int NEQDATA = 11;

    /** {@code mjNWARNING}: entries of {@code mjData.warning}. */
    public static final int NWARNING = 8;

    // mjtObj
    public static final int OBJ_BODY = 1;
    public static final int OBJ_JOINT = 3;
    public static final int OBJ_GEOM = 5;
    public static final int OBJ_SITE = 6;
    public static final int OBJ_EQUALITY = 16;
    public static final int OBJ_ACTUATOR = 18;
    public static final int OBJ_SENSOR = 19;

    // mjtIntegrator, mjtJoint
    public static final int INT_EULER = 0;
    public static final int INT_RK4 = 1;
    public static final int JNT_FREE = 0;
    public static final int JNT_BALL = 1;
    public static final int JNT_SLIDE = 2;
    public static final int JNT_HINGE = 3;
}
