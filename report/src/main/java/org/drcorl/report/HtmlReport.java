package org.drcorl.report;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * A run's report as one self-contained HTML file: what was run, the results table, the per-seed
 * scores and every chart, the images embedded as base64 so the file can be mailed or archived
 * on its own.
 */
public final class HtmlReport {
    private final String title;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A line of the "what was run" list (task, preset, seeds, dataset, command...). */
    public HtmlReport fact(String name, String value) {
        facts.put(name, value);
        return this;
    }

    public HtmlReport table(String heading, Table table) {
        StringWriter w = new StringWriter();
        new HtmlWriter().write(table, HtmlWriteOptions.builder(w).build());
        sections.add("<h2>" + escape(heading) + "</h2>\n" + w);
        return this;
    }

    public HtmlReport image(String heading, byte[] png) {
        sections.add("<h2>" + escape(heading) + "</h2>\n<img alt=\"" + escape(heading) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">");
        return this;
    }

    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1320px;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:14px}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}\n")
                .append("td:first-child,th:first-child{text-align:left}\n")
                .append("img{max-width:100%;border:1px solid #ddd;margin-bottom:1em}\n")
                .append("dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em}dt{font-weight:bold}dd{margin:0;font-family:monospace}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n<dl>\n");
        facts.forEach((k, v) -> sb.append("<dt>").append(escape(k)).append("</dt><dd>").append(escape(v)).append("</dd>\n"));
        sb.append("</dl>\n");
        for (String s : sections) sb.append(s).append('\n');
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    public void write(java.nio.file.Path file) {
        AtomicFiles.writeString(file, html());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
