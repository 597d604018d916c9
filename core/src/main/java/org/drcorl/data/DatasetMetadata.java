package org.drcorl.data;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.drcorl.spi.NormalizationConstants;

/**
 * What a dataset says about itself besides its transitions.
 *
 * @param taskId          the task the data was collected on, or null when unknown
 * @param normalization   the dataset's own normalization constants, or null when it has none
 * @param maxEpisodeSteps T, or 0 when unknown
 * @param attributes      any further string attributes (kept and written back as they are)
 */
public record DatasetMetadata(String taskId, NormalizationConstants normalization, int maxEpisodeSteps,
                              Map<String, String> attributes) {

    /** Metadata of a dataset nothing is known about. */
    public static final DatasetMetadata NONE = new DatasetMetadata(null, null, 0, Map.of());

    public DatasetMetadata {
        if (maxEpisodeSteps < 0) throw new IllegalArgumentException("maxEpisodeSteps must be >= 0, got " + maxEpisodeSteps);
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        for (String key : attributes.keySet()) {
            if (DsrlAttributes.RESERVED.contains(key)) {
                throw new IllegalArgumentException("attribute name '" + key + "' is reserved for the dataset format");
            }
        }
    }

    /** T when known. */
    public OptionalInt maxEpisodeStepsIfKnown() {
        return maxEpisodeSteps > 0 ? OptionalInt.of(maxEpisodeSteps) : OptionalInt.empty();
    }

    public DatasetMetadata withTaskId(String id) {
        return new DatasetMetadata(id, normalization, maxEpisodeSteps, attributes);
    }

    public DatasetMetadata withNormalization(NormalizationConstants constants) {
        return new DatasetMetadata(taskId, constants, maxEpisodeSteps, attributes);
    }

    public DatasetMetadata withMaxEpisodeSteps(int steps) {
        return new DatasetMetadata(taskId, normalization, steps, attributes);
    }

    public DatasetMetadata withAttributes(Map<String, String> extra) {
        return new DatasetMetadata(taskId, normalization, maxEpisodeSteps, extra);
    }
}
