package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The network's forward pass and its backpropagated gradient against finite differences. */
class TanhNetworkTest {

    @Test
    void backwardMatchesFiniteDifferences() {
        TanhNetwork net = new TanhNetwork(5, 7, 6, 3);
        SplittableRandom random = new SplittableRandom(3);
        int offset = 4; // parameters need not start at 0 (the trainer keeps actor and critic in one vector)
        double[] p = new double[offset + net.parameterCount() + 2];
        net.initialize(p, offset, 1, random);
        for (int i = 0; i < p.length; i++) p[i] += 0.1 * random.nextGaussian(); // non-zero biases too
        double[] input = {0.3, -1.2, 0.8, 0.05, -0.4}, weights = {1.5, -0.7, 0.25};
        double[][] a = net.newActivations(), scratch = net.newActivations();
        System.arraycopy(input, 0, a[0], 0, input.length);
        net.forward(p, offset, a);
        double[] grad = new double[p.length];
        net.backward(p, offset, a, weights, grad, scratch);
        for (int i = 0; i < p.length; i++) {
            double keep = p[i], h = 1e-6;
            p[i] = keep + h;
            double up = loss(net, p, offset, input, weights);
            p[i] = keep - h;
            double down = loss(net, p, offset, input, weights);
            p[i] = keep;
            double expected = (up - down) / (2 * h);
            assertEquals(expected, grad[i], 1e-6 * Math.max(1, Math.abs(expected)), "parameter " + i);
        }
    }

    /** A linear function of the output, so that its gradient with respect to the output is {@code weights}. */
    private static double loss(TanhNetwork net, double[] p, int offset, double[] input, double[] weights) {
        double[][] a = net.newActivations();
        System.arraycopy(input, 0, a[0], 0, input.length);
        net.forward(p, offset, a);
        double s = 0;
        for (int i = 0; i < weights.length; i++) s += weights[i] * a[a.length - 1][i];
        return s;
    }

    @Test
    void forwardIsTanhHiddenLinearOutput() {
        TanhNetwork net = new TanhNetwork(2, 2, 1);
        // layer 1: W = [[1, 0], [0, 2]], b = [0, 1]; layer 2: W = [[3, -1]], b = [0.5]
        double[] p = {1, 0, 0, 2, 0, 1, 3, -1, 0.5};
        double[][] a = net.newActivations();
        a[0][0] = 0.5;
        a[0][1] = -0.25;
        net.forward(p, 0, a);
        assertEquals(3 * Math.tanh(0.5) - Math.tanh(0.5) + 0.5, a[2][0], 1e-12);
        assertEquals(9, net.parameterCount());
    }

    @Test
    void refusesEmptyLayers() {
        assertThrows(IllegalArgumentException.class, () -> new TanhNetwork(3, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new TanhNetwork(3));
    }
}
