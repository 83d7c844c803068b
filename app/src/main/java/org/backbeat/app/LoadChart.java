package org.backbeat.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The load run's chart, drawn from its samples with JFreeChart: above, the scoring and indexing lag over time
 * (posts); below, each process's resident memory (MB); a line where the generator stopped.
 */
final class LoadChart {

    private LoadChart() {
    }

    static void write(List<LoadRun.Sample> samples, double generatorStoppedAt, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries scoring = new XYSeries("scoring lag (posts.raw)");
        XYSeries indexing = new XYSeries("indexing lag (posts.scored)");
        XYSeriesCollection rss = new XYSeriesCollection();
        for (LoadRun.Sample s : samples) {
            double minutes = s.seconds() / 60;
            if (s.scoringLag() >= 0) {
                scoring.add(minutes, s.scoringLag());
            }
            if (s.indexingLag() >= 0) {
                indexing.add(minutes, s.indexingLag());
            }
            s.rss().forEach((name, bytes) -> {
                int i = rss.getSeriesIndex(name);
                XYSeries series = i >= 0 ? rss.getSeries(i) : new XYSeries(name);
                if (i < 0) {
                    rss.addSeries(series);
                }
                series.add(minutes, bytes / (1024.0 * 1024.0));
            });
        }
        XYSeriesCollection lag = new XYSeriesCollection();
        lag.addSeries(scoring);
        lag.addSeries(indexing);

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("minutes since the generator started (negative: capacity backlog)"));
        plot.add(new XYPlot(lag, null, new NumberAxis("lag (posts)"), lines()), 3);
        plot.add(new XYPlot(rss, null, new NumberAxis("resident memory (MB)"), lines()), 2);
        for (Object sub : plot.getSubplots()) {
            XYPlot xy = (XYPlot) sub;
            xy.setBackgroundPaint(Color.WHITE);
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
            ValueMarker stop = new ValueMarker(generatorStoppedAt / 60, Color.DARK_GRAY, new BasicStroke(1f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            stop.setLabel(xy == plot.getSubplots().get(0) ? "generator stops" : null);
            xy.addDomainMarker(stop);
        }
        JFreeChart chart = new JFreeChart("Load run: lag and memory", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 700);
    }

    private static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < 8; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        return renderer;
    }
}
