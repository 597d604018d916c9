package org.drcorl.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.drcorl.train.extract.DeterministicPolicy;

/**
 * An extracted policy on disk: {@code NAME.weights} + {@code NAME.json} written atomically by
 * {@link Checkpoints}, with what is needed to rebuild the network (dimensions, width) and to
 * know what it is (task, seed, data, and the caller's description in {@code config}: algorithm,
 * budget, preset, plugin options...).
 *
 * @param metadata its checkpoint metadata (kind {@value #KIND})
 * @param policy   the network, owned by the caller (close it)
 */
public record SavedPolicy(CheckpointMetadata metadata, DeterministicPolicy policy) implements AutoCloseable {
    public static final String KIND = "policy";
    /** The {@code config} key holding the hidden width the network is rebuilt with. */
    public static final String HIDDEN = "hidden";
    /** Prefix of {@code config} keys that record what training produced (not what determined it). */
    public static final String RESULT_PREFIX = "result.";

    /**
     * Saves {@code policy} as {@code dir/NAME.*}; {@code description} must say everything that
     * determines the policy, so that {@link #findMatching} can tell whether a later run may reuse it;
     * {@code results} (stored with the {@value #RESULT_PREFIX} prefix) record what training found,
     * e.g. which step's policy an online selection kept.
     */
    public static void save(Path dir, String name, DeterministicPolicy policy, String taskId, long seed, long steps,
                            String dataHash, int hidden, Map<String, String> description, Map<String, String> results) {
        int obs = policy.network().inputSize(), act = policy.network().outputSize();
        Map<String, String> config = new LinkedHashMap<>(description);
        config.put(HIDDEN, Integer.toString(hidden));
        results.forEach((k, v) -> config.put(RESULT_PREFIX + k, v));
        CheckpointMetadata meta = new CheckpointMetadata(CheckpointMetadata.FORMAT, KIND, taskId, obs, act, seed, steps,
                dataHash, config, Checkpoints.tensorNames(policy.parameters()), Checkpoints.valueCount(policy.parameters()));
        Checkpoints.save(dir, name, meta, policy.parameters());
    }

    /** The metadata of {@code dir/NAME} if it is a complete saved policy. */
    public static Optional<CheckpointMetadata> metadata(Path dir, String name) {
        return Checkpoints.metadata(dir, name).filter(m -> m.kind().equals(KIND));
    }

    /**
     * The metadata of {@code dir/NAME} if it was saved for exactly this task, seed, data and
     * description (the reuse test of a resumed run); empty when absent or different.
     */
    public static Optional<CheckpointMetadata> findMatching(Path dir, String name, String taskId, long seed, String dataHash,
                                                            Map<String, String> description) {
        return metadata(dir, name).filter(m -> {
            Map<String, String> without = new LinkedHashMap<>(m.config());
            without.remove(HIDDEN);
            without.keySet().removeIf(k -> k.startsWith(RESULT_PREFIX));
            return m.format() == CheckpointMetadata.FORMAT && m.taskId().equals(taskId) && m.seed() == seed
                    && m.dataHash().equals(dataHash) && without.equals(description);
        });
    }

    /**
     * Loads {@code dir/NAME} into a new network under {@code manager}.
     *
     * @throws IllegalStateException naming the file if it is missing, not a policy, or damaged
     */
    public static SavedPolicy load(Path dir, String name, NDManager manager) {
        CheckpointMetadata m = metadata(dir, name).orElseThrow(() ->
                new IllegalStateException(dir.resolve(name + ".json") + ": no saved policy there"));
        String hidden = m.config().get(HIDDEN);
        if (hidden == null) throw new IllegalStateException(dir.resolve(name + ".json") + ": no '" + HIDDEN + "' in its config");
        DeterministicPolicy policy = new DeterministicPolicy(manager, m.observationDim(), m.actionDim(),
                Integer.parseInt(hidden), new SplittableRandom(0));
        try {
            if (!Checkpoints.loadIfMatching(dir, name, m, policy.parameters())) {
                throw new IllegalStateException(dir.resolve(name + ".json") + ": its tensors do not fit a policy of width " + hidden);
            }
        } catch (RuntimeException e) {
            policy.close();
            throw e;
        }
        return new SavedPolicy(m, policy);
    }

    /** A value recorded with {@code results} when saved. */
    public Optional<String> result(String key) {
        return Optional.ofNullable(metadata.config().get(RESULT_PREFIX + key));
    }

    @Override
    public void close() {
        policy.close();
    }
}
