package org.drcorl.contract;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.drcorl.spi.BehaviorModel;
import org.drcorl.spi.RegularizerBatch;
import org.drcorl.spi.SeededTrainingRandom;
import org.drcorl.spi.TrainingRandom;

/**
 * A {@link RegularizerBatch} over random states whose data actions are the
 * {@link PointMassBehaviorModel}'s modes, with policy actions given by the test.
 */
public record TestRegularizerBatch(NDArray states, NDArray dataActions, NDArray policyActions,
                                   BehaviorModel model, TrainingRandom random, NDManager manager, long step)
        implements RegularizerBatch {

    /** Random states in {@code manager}, data actions from {@code model}, policy actions uniform in [−1, 1], all from {@code seed}. */
    public static TestRegularizerBatch create(NDManager manager, PointMassBehaviorModel model, int batchSize, long seed,
                                              boolean withModel) {
        SeededTrainingRandom random = new SeededTrainingRandom(seed);
        NDArray states = random.normal(manager, new Shape(batchSize, model.stateDim()));
        NDArray data = model.mode(states);
        NDArray policy = random.uniform(manager, -1f, 1f, new Shape(batchSize, model.actionDim()));
        return new TestRegularizerBatch(states, data, policy, withModel ? model : null, random, manager, 0);
    }

    /** The same batch with other policy actions. */
    public TestRegularizerBatch withPolicyActions(NDArray actions) {
        return new TestRegularizerBatch(states, dataActions, actions, model, random, manager, step);
    }

    @Override
    public BehaviorModel behaviorModel() {
        if (model == null) throw new IllegalStateException("this run trained no behaviour model");
        return model;
    }
}
