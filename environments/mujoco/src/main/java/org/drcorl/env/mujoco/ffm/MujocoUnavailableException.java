package org.drcorl.env.mujoco.ffm;

/** MuJoCo cannot be used here; the message says why and how to fix it. */
public final class MujocoUnavailableException extends Exception {
    public MujocoUnavailableException(String message) {
        super(message);
    }
}
