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

    /** A paragraph under the previous section (e.g. what a table's marks mean). */
    public HtmlReport paragraph(String text) {
        sections.add("<p>" + escape(text) + "</p>");
        return this;
    }

    /** One chart under its own heading, as wide as the page allows up to its own width. */
    public HtmlReport image(String heading, byte[] png) {
        sections.add("<h2>" + escape(heading) + "</h2>\n" + figure(new Figure(heading, png), false));
        return this;
    }

    /** A chart and its caption. */
    public record Figure(String caption, byte[] png) {}

    /**
     * Charts of one kind side by side under one heading, as many per row as the page's width
     * allows (the reward–cost scatters of all budgets), each with its caption.
     */
    public HtmlReport images(String heading, List<Figure> figures) {
        StringBuilder sb = new StringBuilder("<h2>").append(escape(heading)).append("</h2>\n<div class=\"figures\">\n");
        for (Figure f : figures) sb.append(figure(f, true)).append('\n');
        sections.add(sb.append("</div>").toString());
        return this;
    }

    /**
     * The image scales with the page but never beyond its own pixel width: a raster blown up
     * past that only gets blurred, while a wide figure shrinks with a narrow window.
     */
    private static String figure(Figure f, boolean captioned) {
        int width = pngWidth(f.png());
        return "<figure" + (width > 0 ? " style=\"max-width:" + width + "px\"" : "") + "><img alt=\"" + escape(f.caption())
                + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(f.png()) + "\">"
                + (captioned ? "<figcaption>" + escape(f.caption()) + "</figcaption>" : "") + "</figure>";
    }

    /** The width a PNG declares in its header (bytes 16–19 of the IHDR chunk); 0 if it is no PNG. */
    static int pngWidth(byte[] png) {
        if (png.length < 24 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') return 0;
        return ((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff);
    }

    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1320px;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:14px}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}\n")
                .append("td:first-child,th:first-child{text-align:left}\n")
                .append("figure{margin:0 0 1.5em}img{display:block;width:100%;height:auto;border:1px solid #ddd}\n")
                .append("figcaption{font-size:14px;color:#555;margin-top:.3em}\n")
                .append(".figures{display:flex;flex-wrap:wrap;gap:1em}.figures figure{flex:1 1 560px}\n")
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
