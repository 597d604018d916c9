package org.drcorl.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.drcorl.spi.NormalizationConstants;

/**
 * An offline RL dataset in DSRL's columnar layout: transition {@code i} has observation
 * {@code observations[i*obsDim .. (i+1)*obsDim)}, action, reward, cost, next observation and the
 * terminal/timeout flags. Immutable: the arrays are owned by the instance and only copies or
 * read-only views leave it.
 *
 * <p>Episodes are derived from the flags as DSRL does: an episode ends at a transition whose
 * terminal or timeout flag is set; a trailing run of transitions without a flag counts as one
 * final, truncated episode.
 */
public final class OfflineDataset {

    private final int obsDim;
    private final int actDim;
    private final float[] observations;
    private final float[] nextObservations;
    private final float[] actions;
    private final float[] rewards;
    private final float[] costs;
    private final boolean[] terminals;
    private final boolean[] timeouts;
    private final List<EpisodeInfo> episodes;
    private final List<String> episodeLabels;   // null when the dataset has none
    private final DatasetMetadata metadata;

    /**
     * Takes ownership of the arrays (no copy: datasets are large); callers inside this package
     * hand over freshly built arrays, the public {@link #of} copies.
     */
    OfflineDataset(int obsDim, int actDim, float[] observations, float[] nextObservations, float[] actions,
                   float[] rewards, float[] costs, boolean[] terminals, boolean[] timeouts,
                   List<String> episodeLabels, DatasetMetadata metadata) {
        if (obsDim <= 0 || actDim <= 0) {
            throw new IllegalArgumentException("dimensions must be positive, got obs " + obsDim + ", act " + actDim);
        }
        int n = rewards.length;
        requireLength("observations", observations.length, (long) n * obsDim);
        requireLength("next observations", nextObservations.length, (long) n * obsDim);
        requireLength("actions", actions.length, (long) n * actDim);
        requireLength("costs", costs.length, n);
        requireLength("terminals", terminals.length, n);
        requireLength("timeouts", timeouts.length, n);
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.observations = observations;
        this.nextObservations = nextObservations;
        this.actions = actions;
        this.rewards = rewards;
        this.costs = costs;
        this.terminals = terminals;
        this.timeouts = timeouts;
        this.episodes = indexEpisodes(rewards, costs, terminals, timeouts);
        if (episodeLabels != null && episodeLabels.size() != episodes.size()) {
            throw new IllegalArgumentException("there are " + episodeLabels.size() + " episode labels but "
                    + episodes.size() + " episodes");
        }
        this.episodeLabels = episodeLabels == null ? null : List.copyOf(episodeLabels);
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * A dataset from columnar arrays (copied).
     *
     * @param episodeLabels one behaviour label per episode, or null
     */
    public static OfflineDataset of(int obsDim, int actDim, float[] observations, float[] nextObservations,
                                    float[] actions, float[] rewards, float[] costs, boolean[] terminals,
                                    boolean[] timeouts, List<String> episodeLabels, DatasetMetadata metadata) {
        return new OfflineDataset(obsDim, actDim, observations.clone(), nextObservations.clone(), actions.clone(),
                rewards.clone(), costs.clone(), terminals.clone(), timeouts.clone(), episodeLabels, metadata);
    }

    private static void requireLength(String what, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has " + actual + " values, expected " + expected);
        }
    }

    private static List<EpisodeInfo> indexEpisodes(float[] rewards, float[] costs, boolean[] terminals,
                                                   boolean[] timeouts) {
        List<EpisodeInfo> list = new ArrayList<>();
        int start = 0;
        double r = 0;
        double c = 0;
        for (int i = 0; i < rewards.length; i++) {
            r += rewards[i];
            c += costs[i];
            if (terminals[i] || timeouts[i]) {
                list.add(new EpisodeInfo(list.size(), start, i + 1 - start, r, c, !terminals[i]));
                start = i + 1;
                r = 0;
                c = 0;
            }
        }
        if (start < rewards.length) {
            list.add(new EpisodeInfo(list.size(), start, rewards.length - start, r, c, true));
        }
        return List.copyOf(list);
    }

    /** Number of transitions N. */
    public int size() {
        return rewards.length;
    }

    public int obsDim() {
        return obsDim;
    }

    public int actDim() {
        return actDim;
    }

    public int episodeCount() {
        return episodes.size();
    }

    public List<EpisodeInfo> episodes() {
        return episodes;
    }

    public EpisodeInfo episode(int index) {
        return episodes.get(index);
    }

    /** Reward return of every episode, in order. */
    public double[] episodeRewardReturns() {
        return episodes.stream().mapToDouble(EpisodeInfo::rewardReturn).toArray();
    }

    /** Cost return of every episode, in order. */
    public double[] episodeCostReturns() {
        return episodes.stream().mapToDouble(EpisodeInfo::costReturn).toArray();
    }

    /** One behaviour label per episode (e.g. the collecting policy), when the dataset has them. */
    public Optional<List<String>> episodeLabels() {
        return Optional.ofNullable(episodeLabels);
    }

    public DatasetMetadata metadata() {
        return metadata;
    }

    /** The task id the dataset names, when it names one. */
    public Optional<String> taskId() {
        return Optional.ofNullable(metadata.taskId());
    }

    /** The dataset's own normalization constants, when it carries them. */
    public Optional<NormalizationConstants> normalization() {
        return Optional.ofNullable(metadata.normalization());
    }

    /** A copy with other metadata (same transitions). */
    public OfflineDataset withMetadata(DatasetMetadata newMetadata) {
        return new OfflineDataset(obsDim, actDim, observations, nextObservations, actions, rewards, costs,
                terminals, timeouts, episodeLabels, newMetadata);
    }

    // Per-transition access ------------------------------------------------------------------

    public float reward(int i) {
        return rewards[i];
    }

    public float cost(int i) {
        return costs[i];
    }

    public boolean terminal(int i) {
        return terminals[i];
    }

    public boolean timeout(int i) {
        return timeouts[i];
    }

    /** Observation of transition {@code i} (a copy). */
    public float[] observation(int i) {
        return Arrays.copyOfRange(observations, i * obsDim, (i + 1) * obsDim);
    }

    public float[] nextObservation(int i) {
        return Arrays.copyOfRange(nextObservations, i * obsDim, (i + 1) * obsDim);
    }

    public float[] action(int i) {
        return Arrays.copyOfRange(actions, i * actDim, (i + 1) * actDim);
    }

    // Whole columns: read-only views (no copy, for building tensors) or copies ----------------

    /** All observations, row-major [N, obsDim], read-only. */
    public FloatBuffer observationsView() {
        return FloatBuffer.wrap(observations).asReadOnlyBuffer();
    }

    public FloatBuffer nextObservationsView() {
        return FloatBuffer.wrap(nextObservations).asReadOnlyBuffer();
    }

    public FloatBuffer actionsView() {
        return FloatBuffer.wrap(actions).asReadOnlyBuffer();
    }

    public float[] observations() {
        return observations.clone();
    }

    // The columns themselves, for samplers of this package: the dataset is immutable and large,
    // so a sampler reads them in place instead of holding a second copy (run needs the memory).
    float[] sharedObservations() {
        return observations;
    }

    float[] sharedNextObservations() {
        return nextObservations;
    }

    float[] sharedActions() {
        return actions;
    }

    float[] sharedCosts() {
        return costs;
    }

    public float[] nextObservations() {
        return nextObservations.clone();
    }

    public float[] actions() {
        return actions.clone();
    }

    public float[] rewards() {
        return rewards.clone();
    }

    public float[] costs() {
        return costs.clone();
    }

    public boolean[] terminals() {
        return terminals.clone();
    }

    public boolean[] timeouts() {
        return timeouts.clone();
    }

    // Derived datasets ----------------------------------------------------------------------

    /** A new dataset with the episodes whose index passes {@code keep}, in their order; metadata is kept. */
    public OfflineDataset filterEpisodes(IntPredicate keep) {
        List<EpisodeInfo> kept = episodes.stream().filter(e -> keep.test(e.index())).toList();
        int n = kept.stream().mapToInt(EpisodeInfo::length).sum();
        float[] obs = new float[n * obsDim];
        float[] next = new float[n * obsDim];
        float[] act = new float[n * actDim];
        float[] rew = new float[n];
        float[] cst = new float[n];
        boolean[] term = new boolean[n];
        boolean[] tout = new boolean[n];
        List<String> labels = episodeLabels == null ? null : new ArrayList<>();
        int at = 0;
        for (EpisodeInfo e : kept) {
            System.arraycopy(observations, e.start() * obsDim, obs, at * obsDim, e.length() * obsDim);
            System.arraycopy(nextObservations, e.start() * obsDim, next, at * obsDim, e.length() * obsDim);
            System.arraycopy(actions, e.start() * actDim, act, at * actDim, e.length() * actDim);
            System.arraycopy(rewards, e.start(), rew, at, e.length());
            System.arraycopy(costs, e.start(), cst, at, e.length());
            System.arraycopy(terminals, e.start(), term, at, e.length());
            System.arraycopy(timeouts, e.start(), tout, at, e.length());
            if (labels != null) labels.add(episodeLabels.get(e.index()));
            at += e.length();
        }
        return new OfflineDataset(obsDim, actDim, obs, next, act, rew, cst, term, tout, labels, metadata);
    }

    /** The episodes that are safe under budget κ (cost return ≤ κ, as {@link NormalizationConstants#isSafe} decides). */
    public OfflineDataset safeEpisodes(double costThreshold) {
        double[] costReturns = episodeCostReturns();
        return filterEpisodes(i -> NormalizationConstants.isSafe(costReturns[i], costThreshold));
    }

    /**
     * Normalization constants measured on this dataset, as the project does for its own
     * simulators: R_min and R_max are the smallest and largest episode reward returns.
     *
     * @throws IllegalArgumentException with no episodes, or when all reward returns are equal
     */
    public NormalizationConstants normalizationFromReturns(double costMax) {
        if (episodes.isEmpty()) throw new IllegalArgumentException("a dataset without episodes has no reward range");
        double[] r = episodeRewardReturns();
        return new NormalizationConstants(Arrays.stream(r).min().orElseThrow(), Arrays.stream(r).max().orElseThrow(),
                costMax);
    }

    /**
     * Hex SHA-256 over the dimensions and every array (not the metadata): equal for the same
     * transitions however they were stored, so a written and re-read dataset hashes the same.
     */
    public String contentHash() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        sha.update(ByteBuffer.allocate(12).putInt(obsDim).putInt(actDim).putInt(size()).array());
        for (float[] column : new float[][] {observations, nextObservations, actions, rewards, costs}) {
            digest(sha, column);
        }
        for (boolean[] column : new boolean[][] {terminals, timeouts}) {
            byte[] bytes = new byte[column.length];
            for (int i = 0; i < column.length; i++) bytes[i] = (byte) (column[i] ? 1 : 0);
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void digest(MessageDigest sha, float[] values) {
        // Fixed-size chunks keep the hash of a large column from allocating its full byte size.
        ByteBuffer buffer = ByteBuffer.allocate(4 * 8192);
        for (int from = 0; from < values.length; from += 8192) {
            int to = Math.min(values.length, from + 8192);
            buffer.clear();
            for (int i = from; i < to; i++) buffer.putInt(Float.floatToIntBits(values[i]));
            sha.update(buffer.array(), 0, buffer.position());
        }
        sha.update(ByteBuffer.allocate(4).putInt(values.length).array());
    }

    /** First (column, row) holding NaN or ±inf, or null when every value is finite. */
    String firstNonFinite() {
        String[] names = {"observations", "next_observations", "actions", "rewards", "costs"};
        float[][] columns = {observations, nextObservations, actions, rewards, costs};
        int[] widths = {obsDim, obsDim, actDim, 1, 1};
        for (int c = 0; c < columns.length; c++) {
            float[] column = columns[c];
            for (int i = 0; i < column.length; i++) {
                if (!Float.isFinite(column[i])) {
                    return "'" + names[c] + "' has " + column[i] + " at row " + (i / widths[c]);
                }
            }
        }
        return null;
    }

    /**
     * The first value beyond ±{@code limit} in the observations, rewards or costs, as a message
     * naming column and row, or null. Finite but huge values overflow float32 arithmetic in the
     * networks' first layer; the reader accepts them, training cannot.
     */
    String firstBeyond(double limit) {
        String[] names = {"observations", "next_observations", "rewards", "costs"};
        float[][] columns = {observations, nextObservations, rewards, costs};
        int[] widths = {obsDim, obsDim, 1, 1};
        for (int c = 0; c < columns.length; c++) {
            float[] column = columns[c];
            for (int i = 0; i < column.length; i++) {
                if (Math.abs(column[i]) > limit) {
                    return "'" + names[c] + "' has " + column[i] + " at row " + (i / widths[c])
                            + (widths[c] > 1 ? ", column " + (i % widths[c]) : "");
                }
            }
        }
        return null;
    }

    /**
     * How many action values lie outside [low, high] by more than {@code tolerance}, and the
     * first of them as "row r, column c = v" (null when none).
     */
    record OutOfBounds(long count, String first) {}

    OutOfBounds actionsOutside(float[] low, float[] high, double tolerance) {
        long count = 0;
        String first = null;
        for (int i = 0; i < actions.length; i++) {
            int d = i % actDim;
            float v = actions[i];
            if (v < low[d] - tolerance || v > high[d] + tolerance) {
                if (first == null) first = "row " + (i / actDim) + ", column " + d + " = " + v;
                count++;
            }
        }
        return new OutOfBounds(count, first);
    }

    @Override
    public String toString() {
        return "OfflineDataset[" + size() + " transitions, obs " + obsDim + ", act " + actDim + ", "
                + episodeCount() + " episodes" + (metadata.taskId() == null ? "" : ", task " + metadata.taskId()) + "]";
    }

    /** Appends transitions one at a time, e.g. while collecting data from a simulator. */
    public static Builder builder(int obsDim, int actDim) {
        return new Builder(obsDim, actDim);
    }

    /**
     * Builds a dataset transition by transition. {@link #endEpisode(String)} closes an episode;
     * when its last transition has neither flag, the builder sets timeout there, because in the
     * DSRL layout an unflagged boundary would merge the episode with the next one.
     */
    public static final class Builder {
        private final int obsDim;
        private final int actDim;
        private final FloatColumn observations = new FloatColumn();
        private final FloatColumn nextObservations = new FloatColumn();
        private final FloatColumn actions = new FloatColumn();
        private final FloatColumn rewards = new FloatColumn();
        private final FloatColumn costs = new FloatColumn();
        private final BooleanColumn terminals = new BooleanColumn();
        private final BooleanColumn timeouts = new BooleanColumn();
        private final List<String> labels = new ArrayList<>();
        private int episodeStart;
        private DatasetMetadata metadata = DatasetMetadata.NONE;

        private Builder(int obsDim, int actDim) {
            if (obsDim <= 0 || actDim <= 0) {
                throw new IllegalArgumentException("dimensions must be positive, got obs " + obsDim + ", act " + actDim);
            }
            this.obsDim = obsDim;
            this.actDim = actDim;
        }

        /** Appends one transition. */
        public Builder add(float[] obs, float[] action, double reward, double cost, float[] nextObs,
                           boolean terminal, boolean timeout) {
            if (obs.length != obsDim || nextObs.length != obsDim) {
                throw new IllegalArgumentException("observations must have " + obsDim + " values, got "
                        + obs.length + " and " + nextObs.length);
            }
            if (action.length != actDim) {
                throw new IllegalArgumentException("actions must have " + actDim + " values, got " + action.length);
            }
            observations.addAll(obs);
            nextObservations.addAll(nextObs);
            actions.addAll(action);
            rewards.add((float) reward);
            costs.add((float) cost);
            terminals.add(terminal);
            timeouts.add(timeout);
            return this;
        }

        /**
         * Closes the episode made of the transitions added since the last call.
         *
         * @param label the behaviour that collected it (e.g. a policy name), or null
         */
        public Builder endEpisode(String label) {
            int n = rewards.size();
            if (n == episodeStart) throw new IllegalStateException("endEpisode without a transition since the last one");
            if (!terminals.get(n - 1) && !timeouts.get(n - 1)) timeouts.set(n - 1, true);
            labels.add(label);
            episodeStart = n;
            return this;
        }

        public Builder metadata(DatasetMetadata newMetadata) {
            this.metadata = Objects.requireNonNull(newMetadata, "metadata");
            return this;
        }

        /** Transitions added so far. */
        public int size() {
            return rewards.size();
        }

        /**
         * The dataset. Labels are kept when at least one episode was given one (the others get
         * ""); then every episode must have been closed with {@link #endEpisode(String)}.
         */
        public OfflineDataset build() {
            List<String> episodeLabels = null;
            if (labels.stream().anyMatch(Objects::nonNull)) {
                episodeLabels = labels.stream().map(l -> l == null ? "" : l).toList();
            }
            OfflineDataset dataset;
            try {
                dataset = new OfflineDataset(obsDim, actDim, observations.toArray(), nextObservations.toArray(),
                        actions.toArray(), rewards.toArray(), costs.toArray(), terminals.toArray(), timeouts.toArray(),
                        episodeLabels, metadata);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("episodes were labelled, but not each one was closed with endEpisode: "
                        + e.getMessage(), e);
            }
            return dataset;
        }
    }

    /** A growable float array: boxing a List of Float would triple the memory of a dataset. */
    private static final class FloatColumn {
        private float[] values = new float[1024];
        private int size;

        void add(float v) {
            ensure(1);
            values[size++] = v;
        }

        void addAll(float[] vs) {
            ensure(vs.length);
            System.arraycopy(vs, 0, values, size, vs.length);
            size += vs.length;
        }

        private void ensure(int more) {
            if (size + more > values.length) values = Arrays.copyOf(values, Math.max(values.length * 2, size + more));
        }

        int size() {
            return size;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private static final class BooleanColumn {
        private boolean[] values = new boolean[1024];
        private int size;

        void add(boolean v) {
            if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
            values[size++] = v;
        }

        boolean get(int i) {
            return values[i];
        }

        void set(int i, boolean v) {
            values[i] = v;
        }

        boolean[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
