using System.Xml.Linq;
using Recur.Cli.Plots;

namespace Recur.Cli.Tests;

public class LearningCurvesTests
{
    [Fact]
    public void SvgIsWellFormedWithOneLinePerSeriesAndKey()
    {
        var epochs = new List<IReadOnlyDictionary<string, double>>
        {
            new Dictionary<string, double> { ["loss"] = 0.7, ["accuracy"] = 0.6, ["val_loss"] = 0.65, ["val_accuracy"] = 0.62 },
            new Dictionary<string, double> { ["loss"] = 0.2, ["accuracy"] = 0.9, ["val_loss"] = 0.25, ["val_accuracy"] = 0.88 },
        };
        var svg = LearningCurves.ToSvg([new CurveSeries("A & B <1>", epochs), new CurveSeries("C", epochs.Take(1).ToList())], "title");
        var document = XDocument.Parse(svg);   // throws if the text is not well-formed XML
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(8, document.Descendants(ns + "polyline").Count());
        Assert.Contains("A &amp; B &lt;1&gt;", svg);
    }
}
