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
 * @param shapes         each tensor's shape, in the order of {@code tensors} (null in files of
 *                       older versions): a reader needs no knowledge of the network to split the weights
 */
public record CheckpointMetadata(int format, String kind, String taskId, int observationDim, int actionDim, long seed,
                                 long steps, String dataHash, Map<String, String> config, List<String> tensors,
                                 long values, List<List<Long>> shapes) {
    public static final int FORMAT = 1;

    public CheckpointMetadata {
        // sorted, so the file is the same from run to run (Map.of iterates in an order that changes per JVM)
        if (config != null) config = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(config));
    }

    /** Metadata whose shapes {@link Checkpoints#save} fills in from the tensors it writes. */
    public CheckpointMetadata(int format, String kind, String taskId, int observationDim, int actionDim, long seed,
                              long steps, String dataHash, Map<String, String> config, List<String> tensors, long values) {
        this(format, kind, taskId, observationDim, actionDim, seed, steps, dataHash, config, tensors, values, null);
    }

    CheckpointMetadata withShapes(List<List<Long>> tensorShapes) {
        return new CheckpointMetadata(format, kind, taskId, observationDim, actionDim, seed, steps, dataHash, config, tensors,
                values, tensorShapes);
    }
}
