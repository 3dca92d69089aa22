using Recur.Kernels;

namespace Recur.Tests.Kernels;

public class ParallelismTests
{
    private struct Recorder : IForkJoinBody
    {
        public int[] Hits;

        public readonly void Run(int part) => Interlocked.Increment(ref Hits[part]);
    }

    [Fact]
    public void RunsBothPartsExactlyOnce()
    {
        for (int i = 0; i < 200; i++)
        {
            var r = new Recorder { Hits = new int[2] };
            Parallelism.Run2(r);
            Assert.Equal([1, 1], r.Hits);
        }
    }

    [Fact]
    public void InvokeRunsBothActionsConcurrentlyWhenTheHelperIsFree()
    {
        int first = 0, second = 0;
        Parallelism.Invoke2(() => first++, () => second++);
        Assert.Equal(1, first);
        Assert.Equal(1, second);
    }

    [Fact]
    public void NestedCallsRunInline()
    {
        int inner = 0;
        Parallelism.Invoke2(
            () => Parallelism.Invoke2(() => Interlocked.Increment(ref inner), () => Interlocked.Increment(ref inner)),
            () => Parallelism.Invoke2(() => Interlocked.Increment(ref inner), () => Interlocked.Increment(ref inner)));
        Assert.Equal(4, inner);
    }

    [Fact]
    public void ExceptionsFromEitherPartReachTheCaller()
    {
        Assert.Throws<InvalidOperationException>(() => Parallelism.Invoke2(() => { }, () => throw new InvalidOperationException("helper")));
        Assert.Throws<FormatException>(() => Parallelism.Invoke2(() => throw new FormatException("caller"), () => { }));
        // The helper stays usable afterwards.
        int ran = 0;
        Parallelism.Invoke2(() => Interlocked.Increment(ref ran), () => Interlocked.Increment(ref ran));
        Assert.Equal(2, ran);
    }

    [Fact]
    public void ConcurrentCallersNeverLoseWork()
    {
        int total = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < 200; i++)
                Parallelism.Invoke2(() => Interlocked.Increment(ref total), () => Interlocked.Increment(ref total));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(4 * 200 * 2, total);
    }
}
