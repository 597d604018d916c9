package org.drcorl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class TrainingChartTest {
    /** A slack-handler log: zone cycling −1, 0, +1 every step for the first half, then +1 only; a conflict every 4th step. */
    private static MetricsLog slackLog(int steps) {
        MetricsLog log = new MetricsLog();
        for (int i = 0; i < steps; i++) {
            double zone = i < steps / 2 ? i % 3 - 1 : 1;
            log.add(i, Map.of("cost_estimate", 3.0 - i / (double) steps, "regularizer_loss", 0.1, "reward_q", 100.0, "cost_q", 20.0,
                    "handler.zone", zone, "handler.conflict", i % 4 == 0 ? 1.0 : 0.0));
        }
        return log;
    }

    @Test
    void discreteHandlerColumnsAreStatesContinuousOnesAreNot() {
        List<MetricsLog> logs = List.of(slackLog(100));
        assertEquals(List.of(-1.0, 0.0, 1.0), StateShares.states(logs, "handler.zone"));
        assertEquals(List.of(1.0), StateShares.states(logs, "handler.conflict"), "a 0/1 flag: the share of 1s");
        MetricsLog lagrangian = new MetricsLog();
        for (int i = 0; i < 50; i++) lagrangian.add(i, Map.of("handler.lambda", i / 7.0, "handler.fixed", 0.0));
        assertEquals(List.of(), StateShares.states(List.of(lagrangian), "handler.lambda"));
        assertEquals(List.of(), StateShares.states(List.of(lagrangian), "handler.fixed"), "a constant has no states to share");
        assertEquals("zone=−1", StateShares.label("zone", -1, false));
        assertEquals("zone=0", StateShares.label("zone", 0, false));
        assertEquals("zone=+1", StateShares.label("zone", 1, false));
        assertEquals("conflict=1", StateShares.label("conflict", 1, true));
    }

    @Test
    void sharesAreFractionsOfTheMovingWindow() {
        List<MetricsLog> logs = List.of(slackLog(300));
        double[][] conflict = StateShares.share(logs, "handler.conflict", 1, 40);
        assertEquals(300, conflict[0].length, "300 steps need no down-sampling");
        assertEquals(1.0, conflict[1][0], 1e-12, "step 0 is a conflict, and the only step so far");
        assertEquals(0.25, conflict[1][299], 1e-12, "one step in four over the last 40");
        double[][] plus = StateShares.share(logs, "handler.zone", 1, 40);
        assertEquals(1.0 / 3, plus[1][149], 0.03);
        assertEquals(1.0, plus[1][299], 1e-12);
        double[][] minus = StateShares.share(logs, "handler.zone", -1, 40), zero = StateShares.share(logs, "handler.zone", 0, 40);
        for (int i = 0; i < 300; i++) assertEquals(1.0, minus[1][i] + zero[1][i] + plus[1][i], 1e-9, "the states' shares add up");
        assertEquals(10, StateShares.window(100));
        assertEquals(50, StateShares.window(2000));
        assertEquals(500, StateShares.window(1_000_000));
    }

    @Test
    void theCostAxisIsCutOnlyWhenExcursionsDwarfTheBudget() {
        double[] near = new double[100];
        Arrays.fill(near, 1.1);
        near[3] = 1.9;
        assertEquals(Double.POSITIVE_INFINITY, TrainingChart.axisTop(near), "everything within 2: no cut");
        double[] peak = near.clone();
        peak[10] = 23;
        assertEquals(2.0, TrainingChart.axisTop(peak), 1e-12, "one excursion to 23 no longer flattens the budget line");
        double[] high = new double[100];
        for (int i = 0; i < 100; i++) high[i] = i < 80 ? 4 : 18;
        assertEquals(Double.POSITIVE_INFINITY, TrainingChart.axisTop(new double[] {}));
        assertTrue(TrainingChart.axisTop(high) >= 4, "a curve high most of the time stays in view");
    }

    @Test
    void theLegendNamesTheKeptSnapshotAndAFallback() {
        MetricsLog log = slackLog(10);
        assertEquals("", TrainingChart.keptNote(List.of(new Charts.Curve(10, 0, log))));
        assertEquals(" (kept 1499)", TrainingChart.keptNote(List.of(new Charts.Curve(10, 0, log, new KeptSnapshot(1499, 0.8)))));
        assertEquals(" (kept 1499, fallback)", TrainingChart.keptNote(List.of(new Charts.Curve(10, 0, log, new KeptSnapshot(1499, 5.3)))));
        assertEquals(" (kept phase 1/999, 1 fallback)", TrainingChart.keptNote(List.of(new Charts.Curve(10, 0, log, new KeptSnapshot(-1, 1.2)),
                new Charts.Curve(10, 1, log, new KeptSnapshot(999, 0.7)))));
    }

    @Test
    void equallySpacedStepsGetAGuardPointSoTicksAreRound() {
        XYChart chart = ChartParts.panel(640, 400, "t", "step", "y");
        double[] x = new double[250], y = new double[250];
        for (int i = 0; i < x.length; i++) {
            x[i] = 8 * i;
            y[i] = i;
        }
        ChartParts.line(chart, "a", new double[][] {x, y}, ChartParts.PALETTE[0], null);
        assertTrue(ChartParts.equallySpaced(ChartParts.axisValues(chart, true)), "what makes XChart tick at 192, 384, 576");
        assertTrue(ChartParts.equallySpaced(ChartParts.axisValues(chart, false)), "and a straight line at 30.015, 30.735");
        ChartParts.roundTicks(chart);
        assertFalse(ChartParts.equallySpaced(ChartParts.axisValues(chart, true)));
        assertFalse(ChartParts.equallySpaced(ChartParts.axisValues(chart, false)));
        XYSeries guard = chart.getSeriesCollection().stream().filter(s -> !s.getName().equals("a")).findFirst().orElseThrow();
        assertFalse(guard.isShowInLegend());
        assertTrue(guard.getXData()[0] > 0 && guard.getXData()[0] < 8, "inside the data's x range");
        assertTrue(guard.getYData()[0] > 0 && guard.getYData()[0] < 1, "and its y range");
        int before = chart.getSeriesCollection().size();
        ChartParts.roundTicks(chart);
        assertEquals(before, chart.getSeriesCollection().size(), "once is enough");
    }

    @Test
    void oneHandlerPanelPerBudgetBelowTheMainPanels() throws Exception {
        List<Charts.Curve> curves = new ArrayList<>();
        for (double k : new double[] {10, 20, 40}) curves.add(new Charts.Curve(k, 0, slackLog(600), new KeptSnapshot(299, k == 10 ? 2.5 : 0.9)));
        byte[] png = Charts.trainingCurves("drcorl", curves);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(TrainingChart.WIDTH, img.getWidth());
        assertEquals(TrainingChart.COST_HEIGHT + 2 * TrainingChart.SMALL_HEIGHT, img.getHeight(), "Ĉ; three small panels; three κ panels");
        assertEquals(TrainingChart.WIDTH / 3, TrainingChart.smallWidth(0, 4));
        assertEquals(TrainingChart.WIDTH, TrainingChart.smallWidth(3, 4), "a last panel alone takes the row");
        assertEquals(TrainingChart.WIDTH / 2, TrainingChart.smallWidth(4, 5), "two left for the last row");
        AtomicFiles.writeBytes(java.nio.file.Path.of("target", "chart-samples", "training-slack.png"), png); // for people to look at
    }

    @Test
    void aLogWithoutCriticsOrHandlerStillRenders() throws Exception {
        MetricsLog log = new MetricsLog();
        for (int i = 0; i < 50; i++) log.add(i, Map.of("cost_estimate", 23.0 - i));
        byte[] png = Charts.trainingCurves("x", List.of(new Charts.Curve(10, 0, log, new KeptSnapshot(-1, 0.4))));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(TrainingChart.COST_HEIGHT + TrainingChart.SMALL_HEIGHT, img.getHeight(), "no handler row");
    }
}
