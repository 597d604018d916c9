package org.drcorl.contract;

import java.util.Arrays;
import org.drcorl.spi.PolicyUpdate;

/** A {@link PolicyUpdate} over a plain vector, for testing handlers without a network. */
public record VectorUpdate(double[] values) implements PolicyUpdate {

    public VectorUpdate {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    private static double[] of(PolicyUpdate u) {
        if (!(u instanceof VectorUpdate v)) {
            throw new AssertionError("handler passed a PolicyUpdate it did not get from the step: " + u.getClass().getName());
        }
        return v.values;
    }

    @Override
    public double dot(PolicyUpdate other) {
        double[] o = of(other);
        double s = 0;
        for (int i = 0; i < values.length; i++) s += values[i] * o[i];
        return s;
    }

    @Override
    public PolicyUpdate plus(PolicyUpdate other) {
        double[] o = of(other);
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) r[i] = values[i] + o[i];
        return new VectorUpdate(r);
    }

    @Override
    public PolicyUpdate times(double factor) {
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) r[i] = values[i] * factor;
        return new VectorUpdate(r);
    }

    public boolean isFinite() {
        return Arrays.stream(values).allMatch(Double::isFinite);
    }
}
