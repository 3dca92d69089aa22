using Recur.Kernels;

namespace Recur.Tests.Kernels;

public class GemmArgumentTests
{
    private static readonly float[] Buffer = new float[64];

    private static void AssertMessage(Action call, params string[] fragments)
    {
        var e = Assert.Throws<ArgumentException>(call);
        foreach (var f in fragments)
            Assert.Contains(f, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeSizesAreRejected()
    {
        AssertMessage(() => Gemm.Sgemm(false, false, -1, 2, 2, 1f, Buffer, 2, Buffer, 2, 0f, Buffer, 2), "Sgemm", "m must be non-negative", "received m = -1");
        AssertMessage(() => Gemm.Sgemm(false, false, 2, 2, -3, 1f, Buffer, 2, Buffer, 2, 0f, Buffer, 2), "Sgemm", "k", "received k = -3");
        AssertMessage(() => Gemm.Sgemm(false, false, 2, 2, 2, 1f, Buffer, 2, Buffer, 2, 0f, Buffer, 2, maxThreads: -1), "Sgemm", "maxThreads", "received maxThreads = -1");
    }

    [Fact]
    public void LeadingDimensionsMustCoverTheRows()
    {
        AssertMessage(() => Gemm.Sgemm(false, false, 2, 3, 4, 1f, Buffer, 3, Buffer, 3, 0f, Buffer, 3), "Sgemm", "lda must be at least 4", "received lda = 3");
        AssertMessage(() => Gemm.Sgemm(true, false, 5, 3, 4, 1f, Buffer, 4, Buffer, 3, 0f, Buffer, 3), "Sgemm", "lda must be at least 5", "[k,m]");
        AssertMessage(() => Gemm.Sgemm(false, true, 2, 3, 4, 1f, Buffer, 4, Buffer, 3, 0f, Buffer, 3), "Sgemm", "ldb must be at least 4", "received ldb = 3");
        AssertMessage(() => Gemm.Sgemm(false, false, 2, 3, 4, 1f, Buffer, 4, Buffer, 3, 0f, Buffer, 2), "Sgemm", "ldc must be at least 3", "received ldc = 2");
    }

    [Fact]
    public void SpansMustHoldTheMatrices()
    {
        var small = new float[10];
        AssertMessage(() => Gemm.Sgemm(false, false, 3, 4, 5, 1f, small, 5, Buffer, 4, 0f, Buffer, 4), "Sgemm", "a must hold at least 15", "received a span of 10");
        AssertMessage(() => Gemm.Sgemm(false, false, 3, 4, 5, 1f, Buffer, 5, small, 4, 0f, Buffer, 4), "Sgemm", "b must hold at least 20", "received a span of 10");
        AssertMessage(() => Gemm.Sgemm(false, false, 3, 4, 5, 1f, Buffer, 5, Buffer, 4, 0f, small, 6), "Sgemm", "c must hold at least 16", "received a span of 10");
    }

    [Fact]
    public void PackedEntryPointsValidate()
    {
        AssertMessage(() => Gemm.PackB(false, 4, 40, Buffer, 40, new float[200]), "PackB", "b must hold at least 160", "received a span of 64");
        AssertMessage(() => Gemm.PackB(false, 2, 40, new float[80], 40, new float[10]), "PackB", "dest must hold at least 128", "received a span of 10");
        AssertMessage(() => Gemm.SgemmPacked(2, 40, 2, 1f, Buffer, 2, false, new float[10], 0f, new float[80], 40), "SgemmPacked", "packedB must hold at least 128", "received a span of 10");
    }

    [Fact]
    public void EmptyProductsNeedNoStorage()
    {
        Gemm.Sgemm(false, false, 0, 0, 0, 1f, [], 1, [], 1, 0f, [], 1);
        Gemm.Sgemm(true, true, 0, 5, 3, 1f, [], 1, new float[15], 3, 0f, [], 5);
        Assert.Equal(0, Gemm.PackedSize(0, 10));
        Assert.Equal(64, Gemm.PackedSize(2, 1));
    }
}
