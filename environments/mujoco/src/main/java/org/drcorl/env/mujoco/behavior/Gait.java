package org.drcorl.env.mujoco.behavior;

import java.util.Arrays;
import java.util.Locale;

/**
 * A central-pattern-generator gait: every joint follows its own sine of one common
 * frequency, {@code a_i(t) = b_i + A_i·sin(2π·f·t + φ_i)}, clipped to [−1, 1]. A handful of
 * numbers per joint describes a periodic gait, which is what a cross-entropy search can tune
 * in seconds ({@link GaitTuner}).
 *
 * @param targetSpeed the forward speed this gait was tuned for (m/s), informational
 * @param frequency   f in Hz
 * @param amplitude   A_i per actuator
 * @param phase       φ_i per actuator (radians)
 * @param bias        b_i per actuator
 */
public record Gait(double targetSpeed, double frequency, double[] amplitude, double[] phase, double[] bias) {

    public Gait {
        int n = amplitude.length;
        if (phase.length != n || bias.length != n) throw new IllegalArgumentException("gait arrays differ in length");
        if (!(frequency > 0)) throw new IllegalArgumentException("gait frequency must be positive, got " + frequency);
        amplitude = amplitude.clone();
        phase = phase.clone();
        bias = bias.clone();
    }

    public int actuators() {
        return amplitude.length;
    }

    /** The open-loop action at time {@code seconds}, written into {@code out}. */
    public void actionAt(double seconds, double amplitudeScale, double[] out) {
        double w = 2 * Math.PI * frequency * seconds;
        for (int i = 0; i < amplitude.length; i++) {
            out[i] = Math.max(-1, Math.min(1, bias[i] + amplitudeScale * amplitude[i] * Math.sin(w + phase[i])));
        }
    }

    /** Parameters as one vector (f, A…, φ…, b…), the search space of {@link GaitTuner}. */
    public double[] toVector() {
        int n = amplitude.length;
        double[] v = new double[1 + 3 * n];
        v[0] = frequency;
        System.arraycopy(amplitude, 0, v, 1, n);
        System.arraycopy(phase, 0, v, 1 + n, n);
        System.arraycopy(bias, 0, v, 1 + 2 * n, n);
        return v;
    }

    /** The inverse of {@link #toVector}. */
    public static Gait fromVector(double targetSpeed, double[] v) {
        if ((v.length - 1) % 3 != 0) throw new IllegalArgumentException("gait vector length " + v.length + " is not 1 + 3n");
        int n = (v.length - 1) / 3;
        return new Gait(targetSpeed, v[0], Arrays.copyOfRange(v, 1, 1 + n), Arrays.copyOfRange(v, 1 + n, 1 + 2 * n),
                Arrays.copyOfRange(v, 1 + 2 * n, 1 + 3 * n));
    }

    /** One line: the target speed, then the vector, as stored in a gait file. */
    public String toLine() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.3f", targetSpeed));
        for (double x : toVector()) b.append(String.format(Locale.ROOT, " %.5f", x));
        return b.toString();
    }

    /** Parses {@link #toLine}. */
    public static Gait parse(String line) {
        String[] parts = line.trim().split("\\s+");
        double[] v = new double[parts.length - 1];
        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(parts[i + 1]);
        return fromVector(Double.parseDouble(parts[0]), v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gait g && targetSpeed == g.targetSpeed && Arrays.equals(toVector(), g.toVector());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toVector());
    }
}
