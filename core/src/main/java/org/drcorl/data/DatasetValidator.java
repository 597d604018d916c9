package org.drcorl.data;

import java.util.ArrayList;
import java.util.List;
import org.drcorl.spi.DsrlTaskConstants;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.TaskSpec;

/**
 * Checks a dataset for what would make training on it wrong or impossible. Problems are
 * returned as one-line messages (no file name: the caller knows where the data came from);
 * an empty list means the dataset is valid.
 */
public final class DatasetValidator {
    private DatasetValidator() {}

    /**
     * Observations, rewards and costs beyond this magnitude are refused: finite in float32, but
     * they overflow the first layer's arithmetic and training diverges with no hint at the data.
     * No task of DSRL's comes within orders of magnitude of it.
     */
    public static final double MAX_MAGNITUDE = 1e6;

    /**
     * Action values may lie this far outside the task's bounds (rounding of a clipped value
     * written as float64 and read as float32, say); beyond it the data is not the task's.
     */
    public static final double ACTION_TOLERANCE = 1e-4;

    /**
     * What the dataset is expected to match: dimensions, T (0 = unknown) and the action bounds
     * (null when only DSRL's constants are known, not a simulated task).
     */
    public record Expectation(String taskId, int obsDim, int actDim, int maxEpisodeSteps, float[] actionLow,
                              float[] actionHigh) {

        public Expectation(String taskId, int obsDim, int actDim, int maxEpisodeSteps) {
            this(taskId, obsDim, actDim, maxEpisodeSteps, null, null);
        }

        public static Expectation of(TaskSpec spec) {
            return new Expectation(spec.id(), spec.observationDim(), spec.actionDim(), spec.maxEpisodeSteps(),
                    spec.actionLow(), spec.actionHigh());
        }

        public static Expectation of(DsrlTaskConstants task) {
            return new Expectation(task.id(), task.obsDim(), task.actDim(), task.maxEpisodeSteps());
        }
    }

    /**
     * Checks the dataset alone, and against DSRL's constants when it names a DSRL task.
     */
    public static List<String> validate(OfflineDataset dataset) {
        return validate(dataset, dataset.taskId().flatMap(DsrlTasks::find).map(Expectation::of).orElse(null));
    }

    /**
     * Checks the dataset for task {@code taskId}: a DSRL task id gives the expected dimensions.
     *
     * @throws IllegalArgumentException when the id is not one of DSRL's tasks
     */
    public static List<String> validate(OfflineDataset dataset, String taskId) {
        DsrlTaskConstants task = DsrlTasks.find(taskId).orElseThrow(() -> new IllegalArgumentException(
                "unknown DSRL task '" + taskId + "' (known: e.g. OfflineCarCircle-v0; see DsrlTasks.all())"));
        return validate(dataset, Expectation.of(task));
    }

    public static List<String> validate(OfflineDataset dataset, TaskSpec spec) {
        return validate(dataset, Expectation.of(spec));
    }

    /** @param expected what to compare with, or null for the dataset-only checks */
    public static List<String> validate(OfflineDataset dataset, Expectation expected) {
        List<String> problems = new ArrayList<>();
        if (dataset.size() == 0) {
            problems.add("the dataset has no transitions");
            return problems;
        }
        String nonFinite = dataset.firstNonFinite();
        if (nonFinite != null) problems.add("non-finite value: " + nonFinite);
        String huge = dataset.firstBeyond(MAX_MAGNITUDE);
        if (huge != null) {
            problems.add("implausibly large value: " + huge + " (beyond ±" + (long) MAX_MAGNITUDE
                    + "; training on it overflows float32)");
        }

        if (expected != null) {
            String task = expected.taskId() == null ? "the task" : "task " + expected.taskId();
            if (dataset.obsDim() != expected.obsDim()) {
                problems.add("observations have " + dataset.obsDim() + " values, " + task + " has " + expected.obsDim());
            }
            if (dataset.actDim() != expected.actDim()) {
                problems.add("actions have " + dataset.actDim() + " values, " + task + " has " + expected.actDim());
            }
            if (expected.actionLow() != null && dataset.actDim() == expected.actDim()) {
                var outside = dataset.actionsOutside(expected.actionLow(), expected.actionHigh(), ACTION_TOLERANCE);
                if (outside.count() > 0) {
                    problems.add(outside.count() + " action value(s) outside the bounds of " + task + " "
                            + java.util.Arrays.toString(expected.actionLow()) + " .. "
                            + java.util.Arrays.toString(expected.actionHigh()) + " (first: " + outside.first()
                            + "); a policy acts within the bounds, so it cannot imitate them: clip the data");
                }
            }
            String named = dataset.taskId().orElse(null);
            if (named != null && expected.taskId() != null && !sameTask(named, expected.taskId())) {
                problems.add("the dataset is for task " + named + ", not " + expected.taskId());
            }
        }

        int limit = dataset.metadata().maxEpisodeSteps() > 0 ? dataset.metadata().maxEpisodeSteps()
                : expected == null ? 0 : expected.maxEpisodeSteps();
        if (limit > 0) {
            long tooLong = dataset.episodes().stream().filter(e -> e.length() > limit).count();
            if (tooLong > 0) {
                EpisodeInfo first = dataset.episodes().stream().filter(e -> e.length() > limit).findFirst().orElseThrow();
                problems.add(tooLong + " episode(s) longer than the " + limit + "-step limit (first: episode "
                        + first.index() + ", " + first.length() + " steps from row " + first.start() + ")");
            }
        }

        for (int i = 0; i < dataset.size(); i++) {
            if (dataset.cost(i) < 0) {
                problems.add("negative cost " + dataset.cost(i) + " at row " + i + " (costs are indicators >= 0)");
                break;
            }
        }
        return problems;
    }

    private static boolean sameTask(String a, String b) {
        return a.equals(b) || strip(a).equals(strip(b));
    }

    private static String strip(String id) {
        return id.startsWith("Offline") ? id.substring("Offline".length()) : id;
    }
}
