package org.comity.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartTest {

    static final Pattern RECT_HEIGHT = Pattern.compile(
            "<rect x=\"[\\d.]+\" y=\"[\\d.]+\" width=\"[\\d.]+\" height=\"([\\d.]+)\" fill=\"#[0-9a-f]+\"><title>");

    @Test
    void textIsEscapedSoTheSvgStaysWellFormedXml() throws Exception {
        String evil = "<script>alert('x')</script> & \"quoted\"\u0001";
        var data = new SvgChart.Data(List.of("2026-01"), List.of(new SvgChart.Series(evil, List.of(3L))));
        String svg = SvgChart.stackedBars("c", evil, evil, data, "none");
        assertThat(svg)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;")
                .contains("&amp;")
                .contains("&quot;");
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(evil.replace("\u0001", ""));
        String bars = SvgChart.bars("g", "t", "d", List.of(evil), List.of(1L), "none");
        assertThat(bars).doesNotContain("<script>");
        parse(bars);
    }

    @Test
    void stackedBarsScaleToTheLargestTotal() throws Exception {
        var data = new SvgChart.Data(
                List.of("2026-01", "2026-02", "2026-03"),
                List.of(
                        new SvgChart.Series("XA", List.of(10L, 20L, 0L)),
                        new SvgChart.Series("XB", List.of(10L, 20L, 5L))));
        String svg = SvgChart.stackedBars("c", "Title", "Description", data, "none");
        var heights = new ArrayList<Double>();
        var m = RECT_HEIGHT.matcher(svg);
        while (m.find()) {
            heights.add(Double.parseDouble(m.group(1)));
        }
        // Five non-zero values drawn (a zero is not drawn); the top of the axis is 40 for a total of 40.
        assertThat(heights).hasSize(5);
        assertThat(SvgChart.niceCeiling(40)).isEqualTo(40);
        assertThat(heights.get(2)).isEqualTo(2 * heights.get(0), org.assertj.core.data.Offset.offset(0.2));
        assertThat(heights.get(4)).isEqualTo(heights.get(0) / 2, org.assertj.core.data.Offset.offset(0.2));
        // February's stack fills the plot: 220 units high.
        assertThat(heights.get(2) + heights.get(3)).isEqualTo(220.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(svg)
                .contains("role=\"img\"")
                .contains("aria-labelledby=\"c-title c-desc\"")
                .contains("<title id=\"c-title\">Title</title>")
                .contains("<desc id=\"c-desc\">Description</desc>")
                .contains(">XA<")
                .contains(">XB<");
        parse(svg);
    }

    @Test
    void horizontalBarsAreProportional() {
        String svg = SvgChart.bars("g", "t", "d", List.of("a", "b"), List.of(8L, 2L), "none");
        var widths = new ArrayList<Double>();
        var m = Pattern.compile("<rect x=\"\\d+\" y=\"\\d+\" width=\"([\\d.]+)\"")
                .matcher(svg);
        while (m.find()) {
            widths.add(Double.parseDouble(m.group(1)));
        }
        assertThat(widths).hasSize(2);
        assertThat(widths.get(0)).isEqualTo(4 * widths.get(1), org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void emptyDataSaysSoInsteadOfDrawingBars() throws Exception {
        var data = new SvgChart.Data(List.of("2026-01"), List.of(new SvgChart.Series("XA", List.of(0L))));
        String svg = SvgChart.stackedBars("c", "Title", "Description", data, "No data yet.");
        assertThat(svg).contains("No data yet.").doesNotContain("<rect");
        parse(svg);
        String none = SvgChart.stackedBars("c", "T", "D", new SvgChart.Data(List.of(), List.of()), "Nothing");
        assertThat(none).contains("Nothing").doesNotContain("<rect");
        assertThat(SvgChart.bars("g", "T", "D", List.of(), List.of(), "Nothing"))
                .contains("Nothing");
    }

    @Test
    void seriesBeyondTheLimitAreSummedAsOther() {
        var series = new ArrayList<SvgChart.Series>();
        for (int i = 0; i < 10; i++) {
            series.add(new SvgChart.Series("S" + i, List.of((long) i, 1L)));
        }
        var top = SvgChart.top(series, 4, "Other");
        assertThat(top).extracting(SvgChart.Series::name).containsExactly("S9", "S8", "S7", "Other");
        // S0..S6: 0+1+…+6 = 21 in the first category, 7 in the second.
        assertThat(top.getLast().values()).containsExactly(21L, 7L);
        assertThatThrownBy(() -> new SvgChart.Data(List.of("a"), List.of(new SvgChart.Series("x", List.of()))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
