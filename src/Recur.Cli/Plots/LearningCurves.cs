using System.Globalization;
using System.Security;
using System.Text;

namespace Recur.Cli.Plots;

/// <summary>One model's per-epoch logs, as the learning-curve plot draws them.</summary>
internal sealed record CurveSeries(string Name, IReadOnlyList<IReadOnlyDictionary<string, double>> Epochs);

/// <summary>
/// Draws loss and accuracy per epoch for several models as one self-contained SVG: two panels side by side, one colour per
/// model, training values dashed and held-out (<c>val_*</c>) values solid. Written by hand so no plotting library or
/// native dependency is needed; any browser opens it.
/// </summary>
internal static class LearningCurves
{
    private const int PanelWidth = 460, PanelHeight = 300, Margin = 50, LegendHeight = 22;
    private static readonly string[] Colours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

    /// <summary>The SVG text for <paramref name="series"/>.</summary>
    public static string ToSvg(IReadOnlyList<CurveSeries> series, string title)
    {
        int legendRows = (series.Count + 2) / 3;
        int width = 2 * (PanelWidth + 2 * Margin), height = PanelHeight + 2 * Margin + 30 + legendRows * LegendHeight;
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Inv($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n"));
        Panel(svg, series, "loss", "loss per epoch (log scale)", Margin, 40, logScale: true);
        Panel(svg, series, "accuracy", "token accuracy per epoch", PanelWidth + 3 * Margin, 40, logScale: false);
        int legendTop = 40 + PanelHeight + Margin + 10;
        for (int i = 0; i < series.Count; i++)
        {
            int x = Margin + (i % 3) * 300, y = legendTop + (i / 3) * LegendHeight;
            svg.Append(Inv($"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 30}\" y2=\"{y}\" stroke=\"{Colour(i)}\" stroke-width=\"2.5\"/>"));
            svg.Append(Inv($"<text x=\"{x + 38}\" y=\"{y + 4}\">{Escape(series[i].Name)}</text>\n"));
        }
        svg.Append(Inv($"<text x=\"{Margin + 900}\" y=\"{legendTop + 4}\" text-anchor=\"end\" fill=\"#555\">solid: held-out · dashed: training</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Writes the SVG to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, IReadOnlyList<CurveSeries> series, string title)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToSvg(series, title));
    }

    private static void Panel(StringBuilder svg, IReadOnlyList<CurveSeries> series, string key, string caption, int left, int top, bool logScale)
    {
        int epochs = Math.Max(1, series.Max(s => s.Epochs.Count));
        var values = series.SelectMany(s => s.Epochs).SelectMany(e => new[] { Get(e, key), Get(e, "val_" + key) })
            .Where(v => v is { } d && double.IsFinite(d) && (!logScale || d > 0)).Select(v => v!.Value).ToList();
        double lo = values.Count > 0 ? values.Min() : 0, hi = values.Count > 0 ? values.Max() : 1;
        if (logScale) (lo, hi) = (Math.Log10(lo), Math.Log10(hi));
        if (hi - lo < 1e-9) (lo, hi) = (lo - 0.5, hi + 0.5);
        double X(int epoch) => left + (epochs == 1 ? PanelWidth / 2.0 : epoch * (double)PanelWidth / (epochs - 1));
        double Y(double v) => top + PanelHeight - ((logScale ? Math.Log10(v) : v) - lo) / (hi - lo) * PanelHeight;

        svg.Append(Inv($"<text x=\"{left + PanelWidth / 2}\" y=\"{top - 6}\" text-anchor=\"middle\">{Escape(caption)}</text>\n"));
        svg.Append(Inv($"<rect x=\"{left}\" y=\"{top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#999\"/>\n"));
        for (int i = 0; i <= 4; i++)
        {
            double level = lo + (hi - lo) * i / 4, y = top + PanelHeight - PanelHeight * i / 4.0;
            double shown = logScale ? Math.Pow(10, level) : level;
            svg.Append(Inv($"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{left + PanelWidth}\" y2=\"{y:F1}\" stroke=\"#eee\"/>"));
            svg.Append(Inv($"<text x=\"{left - 4}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{shown:G3}</text>\n"));
        }
        foreach (int e in new[] { 0, (epochs - 1) / 2, epochs - 1 }.Distinct())
            svg.Append(Inv($"<text x=\"{X(e):F1}\" y=\"{top + PanelHeight + 16}\" text-anchor=\"middle\">{e + 1}</text>\n"));
        svg.Append(Inv($"<text x=\"{left + PanelWidth / 2}\" y=\"{top + PanelHeight + 32}\" text-anchor=\"middle\" fill=\"#555\">epoch</text>\n"));
        for (int i = 0; i < series.Count; i++)
        {
            Line(svg, series[i].Epochs, key, Colour(i), dashed: true, X, Y, logScale);
            Line(svg, series[i].Epochs, "val_" + key, Colour(i), dashed: false, X, Y, logScale);
        }
    }

    private static void Line(StringBuilder svg, IReadOnlyList<IReadOnlyDictionary<string, double>> epochs, string key, string colour,
        bool dashed, Func<int, double> x, Func<double, double> y, bool logScale)
    {
        var points = epochs.Select((e, i) => (i, v: Get(e, key)))
            .Where(p => p.v is { } d && double.IsFinite(d) && (!logScale || d > 0))
            .Select(p => Inv($"{x(p.i):F1},{y(p.v!.Value):F1}")).ToList();
        if (points.Count == 0) return;
        var dash = dashed ? " stroke-dasharray=\"5,4\" stroke-opacity=\"0.7\"" : "";
        svg.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash} points=\"{string.Join(' ', points)}\"/>\n");
    }

    private static double? Get(IReadOnlyDictionary<string, double> logs, string key) => logs.TryGetValue(key, out var v) ? v : null;

    private static string Colour(int i) => Colours[i % Colours.Length];

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
