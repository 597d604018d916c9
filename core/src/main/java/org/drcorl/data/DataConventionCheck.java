package org.drcorl.data;

import java.util.ArrayList;
import java.util.List;
import org.drcorl.spi.DataConvention;

/**
 * Measures a dataset against a task's {@link DataConvention}s. A broken convention is a warning,
 * not a refusal: the file is readable and has the task's sizes, it was only recorded under other
 * conventions (another simulator's signs, an older drcorl), which the user may know and intend.
 */
public final class DataConventionCheck {
    private DataConventionCheck() {}

    /** One line per convention the dataset breaks (no file name: the caller knows it); empty if none. */
    public static List<String> warnings(OfflineDataset data, String taskId, List<DataConvention> conventions) {
        List<String> warnings = new ArrayList<>();
        if (data.size() == 0) return warnings;
        for (DataConvention c : conventions) {
            double mean = mean(data, c);
            if (Double.isNaN(mean) || c.holds(mean)) continue;
            warnings.add(String.format("the data do not follow %s's conventions: the mean of %s over %s is %.4g, where"
                    + " data of the task have %s (%s); a policy trained on it will misbehave in this task",
                    taskId, c.statistic(), c.rows(), mean, c.expected(), c.why()));
        }
        return warnings;
    }

    /** The statistic's mean over the rows it names; NaN when the observation index is out of range. */
    static double mean(OfflineDataset data, DataConvention c) {
        double sum = 0;
        int n = 0;
        try {
            if (c.rows() == DataConvention.Rows.EPISODE_STARTS) {
                for (EpisodeInfo e : data.episodes()) {
                    sum += c.ofObservation().applyAsDouble(data.observation(e.start()));
                    n++;
                }
            } else {
                for (int i = 0; i < data.size(); i++) {
                    sum += c.ofObservation().applyAsDouble(data.observation(i));
                    n++;
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return Double.NaN; // the sizes differ: the dimension check reports that
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
