package org.drcorl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of one benchmark run, printed as they come and written as CSV and a Markdown table. */
final class Results {
    /**
     * @param benchmark what was measured ("stage 1 step", "GEMM ceiling", ...)
     * @param setting   its parameters ("batch 2048, paper network, 2 threads")
     * @param value     the measurement, in {@code unit}
     * @param gflops    achieved GFLOP/s (NaN where no FLOPs are counted)
     * @param ceiling   the GEMM ceiling measured around it (NaN where none)
     * @param load      the one-minute load average when the row was measured
     */
    record Row(String benchmark, String setting, double value, String unit, double gflops, double ceiling, double load,
               String note) {
        double fraction() {
            return gflops / ceiling;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.println(markdown(row));
        System.out.flush();
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    static String header() {
        return "| benchmark | setting | value | GFLOP/s | of GEMM ceiling | load | note |\n|---|---|---|---|---|---|---|";
    }

    static String markdown(Row r) {
        return String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %.1f | %s |", r.benchmark(), r.setting(),
                number(r.value()), r.unit(), Double.isNaN(r.gflops()) ? "" : number(r.gflops()),
                Double.isNaN(r.fraction()) ? "" : String.format(Locale.ROOT, "%.0f %%", 100 * r.fraction()), r.load(), r.note());
    }

    /** Three significant digits, without exponent. */
    static String number(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Writes {@code NAME.csv} and {@code NAME.md} in {@code dir}, each through a temporary file renamed into place. */
    void write(Path dir, String name, String machineLine) throws IOException {
        Files.createDirectories(dir);
        StringBuilder c = new StringBuilder("benchmark,setting,value,unit,gflops,ceiling_gflops,fraction_of_ceiling,load1,note\n");
        for (Row r : rows) {
            c.append(String.join(",", csv(r.benchmark()), csv(r.setting()), fmt(r.value()), csv(r.unit()), fmt(r.gflops()),
                    fmt(r.ceiling()), fmt(r.fraction()), fmt(r.load()), csv(r.note()))).append('\n');
        }
        StringBuilder m = new StringBuilder(machineLine).append("\n\n").append(header()).append('\n');
        for (Row r : rows) m.append(markdown(r)).append('\n');
        atomicWrite(dir.resolve(name + ".csv"), c.toString());
        atomicWrite(dir.resolve(name + ".md"), m.toString());
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
