package org.drcorl.experiment.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/**
 * Runs a sweep: the points not finished yet through an executor, progress as points done / total
 * with an ETA, then the summary over every finished point.
 *
 * @param outcomes every point's outcome (finished earlier ones as skipped)
 * @param summary  the summary of the finished points (null when none finished)
 */
public record Sweep(List<PointOutcome> outcomes, Table summary) {

    public List<PointOutcome> failed() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    public static Sweep run(SweepPlan plan, SweepExecutor executor, Consumer<String> progress) {
        plan.record();
        List<SweepPlan.Job> jobs = plan.jobs();
        List<PointOutcome> outcomes = new ArrayList<>();
        List<SweepPlan.Job> todo = new ArrayList<>();
        for (SweepPlan.Job job : jobs) {
            if (plan.finished(job)) outcomes.add(new PointOutcome(job.point(), 0, job.log(), Duration.ZERO, true));
            else todo.add(job);
        }
        int total = jobs.size(), skipped = outcomes.size();
        if (skipped > 0) progress.accept("sweep: " + skipped + " of " + total + " points finished earlier; running " + todo.size());
        else progress.accept("sweep: running " + total + " points");
        long start = System.nanoTime();
        int[] done = {0};
        outcomes.addAll(executor.run(todo, o -> {
            done[0]++;
            SweepPlan.Job job = todo.stream().filter(j -> j.point().equals(o.point())).findFirst().orElseThrow();
            if (o.ok()) plan.markFinished(job);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / done[0] * (todo.size() - done[0]);
            progress.accept(String.format(Locale.ROOT, "[%d/%d] %s: %s (%s elapsed, ETA %s)", skipped + done[0], total,
                    o.point().label(), o.ok() ? "done" : "FAILED (exit " + o.exitCode() + "; log " + o.log() + ")",
                    clock(elapsed), done[0] == todo.size() ? "0:00" : clock(eta)));
        }));
        Table summary = SweepSummary.writeFinished(plan.root(), plan.grid());
        return new Sweep(List.copyOf(outcomes), summary);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
