package org.drcorl.experiment.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.drcorl.report.Numbers;
import tech.tablesaw.api.Table;

/**
 * Runs a sweep: the jobs not finished yet through an executor, progress as jobs done / total with
 * an ETA, then the summary over every finished extraction run.
 *
 * @param outcomes every job's outcome (those finished earlier as skipped)
 * @param summary  the summary of the finished runs (null when none finished)
 */
public record Sweep(List<JobOutcome> outcomes, Table summary) {

    public List<JobOutcome> failed() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    public static Sweep run(SweepPlan plan, SweepExecutor executor, Consumer<String> progress) {
        plan.record();
        List<SweepPlan.Job> jobs = plan.jobs();
        List<JobOutcome> outcomes = new ArrayList<>();
        List<SweepPlan.Job> todo = new ArrayList<>();
        for (SweepPlan.Job job : jobs) {
            if (plan.finished(job)) outcomes.add(new JobOutcome(job, 0, Duration.ZERO, true));
            else todo.add(job);
        }
        int total = jobs.size(), skipped = outcomes.size();
        long stages = jobs.stream().filter(SweepPlan.Job::isStage).count();
        progress.accept(String.format(Locale.ROOT, "sweep: %d runs (%d stage runs, one per task × seed; %d extractions)%s", total,
                stages, total - stages, skipped > 0 ? "; " + skipped + " finished earlier, running " + todo.size() : ""));
        long start = System.nanoTime();
        int[] done = {0};
        outcomes.addAll(executor.run(todo, o -> {
            done[0]++;
            if (o.ok()) plan.markFinished(o.job());
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / done[0] * (todo.size() - done[0]);
            progress.accept(String.format(Locale.ROOT, "[%d/%d] %s: %s (%s elapsed, ETA %s)", skipped + done[0], total,
                    o.job().label(), o.describe(), Numbers.clock(elapsed), done[0] == todo.size() ? "0:00" : Numbers.clock(eta)));
        }));
        return new Sweep(List.copyOf(outcomes), SweepSummary.writeFinished(plan));
    }
}
