package org.drcorl.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Several charts in one PNG, row by row, each row as wide as its charts together. XChart's own
 * grid needs every cell filled with charts of one size; a figure with two large panels above a
 * row of small per-budget ones does not fit it.
 */
final class ChartGrid {
    private ChartGrid() {}

    static byte[] png(List<List<XYChart>> rows) {
        int width = 0, height = 0;
        for (List<XYChart> row : rows) {
            width = Math.max(width, row.stream().mapToInt(XYChart::getWidth).sum());
            height += row.stream().mapToInt(XYChart::getHeight).max().orElse(0);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (List<XYChart> row : rows) {
                int x = 0;
                for (XYChart chart : row) {
                    g.drawImage(BitmapEncoder.getBufferedImage(chart), x, y, null);
                    x += chart.getWidth();
                }
                y += row.stream().mapToInt(XYChart::getHeight).max().orElse(0);
            }
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode charts as PNG: " + e.getMessage(), e);
        }
    }
}
