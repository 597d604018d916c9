package org.drcorl.train;

import java.util.List;
import java.util.Map;

/**
 * What a checkpoint says about itself (its JSON file next to the weights).
 *
 * @param format         file format version
 * @param kind           which network: {@code behavior-model}, {@code reward-critic}, {@code cost-critic}, {@code policy}
 * @param taskId         the task it was trained for
 * @param observationDim its input dimension
 * @param actionDim      its action dimension
 * @param seed           the run's seed
 * @param steps          training steps done
 * @param dataHash       {@link org.drcorl.data.OfflineDataset#contentHash()} of the training data
 * @param config         the hyperparameters, as text
 * @param tensors        tensor names, in the order of the weights file
 * @param values         number of float32 values in the weights file
 */
public record CheckpointMetadata(int format, String kind, String taskId, int observationDim, int actionDim, long seed,
                                 long steps, String dataHash, Map<String, String> config, List<String> tensors,
                                 long values) {
    public static final int FORMAT = 1;
}
