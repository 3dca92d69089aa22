using System.Diagnostics;
using Recur.Saving.Hdf5;

namespace Recur.Tests.Saving;

/// <summary>
/// Truncated and bit-flipped files must fail with an <see cref="Hdf5FormatException"/> (or still read), never with
/// another exception, a hang or an out-of-memory.
/// </summary>
public sealed class Hdf5CorruptionTests
{
    private const int Mutations = 200;

    public static TheoryData<string> Fixtures => new() { "earliest.h5", "latest.h5", "chunked.h5" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void MutatedFixturesFailCleanly(string name) => Mutate(File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, name)), name);

    [RealModelTheory]
    [InlineData("kushagra_bigru_classifier.keras")]
    [InlineData("hwang_BiGRU.h5")]
    [InlineData("ruohan_bigru_model.h5")]
    public void MutatedRealFilesFailCleanly(string name)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Model(name));
        if (!Hdf5File.HasSignature(bytes)) bytes = KerasZipWeights(bytes);
        Mutate(bytes, name);
    }

    private static byte[] KerasZipWeights(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        using var s = archive.GetEntry("model.weights.h5")!.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    private static void Mutate(byte[] original, string name)
    {
        var rng = new Random(name.Length * 7919 + original.Length);
        for (int i = 0; i < Mutations; i++)
        {
            byte[] data;
            string how;
            if (i % 2 == 0)
            {
                int cut = rng.Next(original.Length);
                data = original[..cut];
                how = $"truncated at {cut}";
            }
            else
            {
                data = (byte[])original.Clone();
                int flips = 1 + rng.Next(8);
                for (int k = 0; k < flips; k++) data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
                how = $"{flips} bytes flipped (seed step {i})";
            }
            var watch = Stopwatch.StartNew();
            try
            {
                ReadEverything(Hdf5File.Open(data, name));
            }
            catch (Hdf5FormatException e)
            {
                Assert.Contains(name, e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"{name} {how}: {e.GetType().Name} instead of Hdf5FormatException: {e}");
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{name} {how}: took {watch.Elapsed}.");
        }
    }

    /// <summary>Reads every attribute and dataset reachable from the root (each object once).</summary>
    internal static int ReadEverything(Hdf5File file)
    {
        int count = 0;
        var seen = new HashSet<Hdf5Node>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Hdf5Node>([file.Root]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node)) continue;
            count += node.Attributes.Count;
            if (node is Hdf5Dataset d)
            {
                if (d.Type.Class is Hdf5TypeClass.Float or Hdf5TypeClass.Integer) count += d.ReadRaw().Length;
            }
            else foreach (var child in ((Hdf5Group)node).Children) pending.Push(child);
        }
        return count;
    }
}
