using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Recur.Models;

/// <summary>Keras's console progress bar: <c>4/4 ━━━━━━━━━━━━━━━━━━━━ 0s 5ms/step - loss: 1.6094</c>. Keras: <c>Progbar</c>.</summary>
/// <remarks>verbose 1 redraws one line per batch; verbose 2 prints one line per epoch; 0 prints nothing. Like Keras, a
/// console that is not interactive (output redirected to a file or a pipe) gets only the final line of verbose 1.</remarks>
internal sealed class ProgressBar(int steps, int verbose, TextWriter writer)
{
    private readonly bool _redraw = !ReferenceEquals(writer, Console.Out) || !Console.IsOutputRedirected;

    private const int Width = 20;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Update(int step, IReadOnlyDictionary<string, double> logs, bool final = false)
    {
        if (verbose == 0 || (verbose == 2 && !final) || (!_redraw && !final)) return;
        var sb = new StringBuilder();
        if (verbose == 1)
        {
            string count = steps.ToString(CultureInfo.InvariantCulture);
            sb.Append('\r').Append(step.ToString(CultureInfo.InvariantCulture).PadLeft(count.Length)).Append('/').Append(count).Append(' ');
            int done = steps == 0 ? Width : step * Width / steps;
            sb.Append(new string('━', done)).Append(new string(' ', Width - done)).Append(' ');
        }
        else sb.Append(steps.ToString(CultureInfo.InvariantCulture)).Append('/').Append(steps.ToString(CultureInfo.InvariantCulture)).Append(" - ");
        double seconds = _clock.Elapsed.TotalSeconds;
        double perStep = step == 0 ? 0 : seconds * 1000 / step;
        sb.Append(final ? $"{seconds:0}s" : $"{perStep * (steps - step) / 1000:0}s").Append(' ');
        sb.Append(perStep.ToString("0", CultureInfo.InvariantCulture)).Append("ms/step");
        foreach (var (k, v) in logs) sb.Append(" - ").Append(k).Append(": ").Append(v.ToString("0.0000", CultureInfo.InvariantCulture));
        if (final) sb.Append('\n');
        writer.Write(sb.ToString());
    }
}
