using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Recur.Kernels;

/// <summary>Work split into two parts: part 0 runs on the calling thread, part 1 on the helper worker.</summary>
public interface IForkJoinBody
{
    /// <summary>Runs one part (0 or 1); the two parts must touch disjoint outputs.</summary>
    void Run(int part);
}

/// <summary>
/// Low-latency fork/join for exactly two workers: the caller and one persistent helper thread.
/// The helper spins briefly after each job and then sleeps, so back-to-back hand-offs (one per RNN
/// time step) cost about a microsecond instead of a thread-pool round trip. If the helper has not picked a job up by
/// the time the caller finishes its own part (helper asleep or descheduled on a busy machine), the caller runs it
/// itself, so a slow hand-off never costs more than running single-threaded.
/// </summary>
public static class Parallelism
{
    // Long enough to bridge the gap between consecutive time steps, short enough not to burn a core when idle.
    private static readonly long HelperSpinTicks = Stopwatch.Frequency / 20_000; // 50 µs

    // How long the caller spins for the helper to finish a claimed job before blocking.
    private static readonly long JoinSpinTicks = Stopwatch.Frequency / 10_000; // 100 µs

    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly SemaphoreSlim Done = new(0);
    private static int _busy;           // 1 while some caller owns the helper
    private static int _helperSleeping; // 1 while the helper is (about to be) blocked on Wake
    private static int _callerSleeping; // 1 while the caller is (about to be) blocked on Done
    private static long _posted;        // sequence number of the last job posted
    private static long _claimed;       // sequence number of the last job claimed (by the helper or the caller)
    private static long _completed;     // sequence number of the last job the helper finished
    private static unsafe delegate*<void> _job;
    private static ExceptionDispatchInfo? _failure;
    private static Thread? _helper;
    private static readonly object StartLock = new();

    /// <summary>Number of threads the fork/join can use (2 on a multi-core machine, else 1).</summary>
    public static int MaxWorkers { get; } = Environment.ProcessorCount >= 2 ? 2 : 1;

    /// <summary>
    /// Runs <c>body.Run(0)</c> on the calling thread and <c>body.Run(1)</c> on the helper, returning when both are done.
    /// If the helper is already in use (nested or concurrent call), both parts run here, one after the other.
    /// </summary>
    public static unsafe void Run2<T>(in T body) where T : struct, IForkJoinBody
    {
        if (MaxWorkers < 2 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            body.Run(0);
            body.Run(1);
            return;
        }

        try
        {
            EnsureHelper();
            Slot<T>.Value = body;
            long seq = Post(Slot<T>.RunPart1Pointer());
            ExceptionDispatchInfo? localFailure = null;
            try
            {
                body.Run(0);
            }
            catch (Exception e)
            {
                localFailure = ExceptionDispatchInfo.Capture(e);
            }

            ExceptionDispatchInfo? remoteFailure = null;
            if (TryClaim(seq))
            {
                try
                {
                    body.Run(1);
                }
                catch (Exception e)
                {
                    remoteFailure = ExceptionDispatchInfo.Capture(e);
                }
            }
            else
            {
                Join(seq);
                remoteFailure = _failure;
                _failure = null;
            }

            Slot<T>.Value = default;
            localFailure?.Throw();
            remoteFailure?.Throw();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Runs two independent actions concurrently (first on the caller, second on the helper).</summary>
    public static void Invoke2(Action first, Action second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Run2(new ActionPair(first, second));
    }

    private readonly struct ActionPair(Action first, Action second) : IForkJoinBody
    {
        public void Run(int part) => (part == 0 ? first : second)();
    }

    private static class Slot<T> where T : struct, IForkJoinBody
    {
        public static T Value;

        public static unsafe delegate*<void> RunPart1Pointer() => &RunPart1;

        private static void RunPart1() => Value.Run(1);
    }

    private static bool TryClaim(long seq) => Interlocked.CompareExchange(ref _claimed, seq, seq - 1) == seq - 1;

    private static unsafe long Post(delegate*<void> job)
    {
        _job = job;
        long seq = _posted + 1;
        Volatile.Write(ref _posted, seq);
        // Full fence: either the helper sees the new job before sleeping, or we see it asleep and wake it.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _helperSleeping) == 1)
            Wake.Release();
        return seq;
    }

    // The helper has claimed the job: wait for it, spinning first because both parts are usually about equally long.
    private static void Join(long seq)
    {
        long start = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _completed) != seq)
        {
            if (Stopwatch.GetTimestamp() - start < JoinSpinTicks)
            {
                Relax();
                continue;
            }

            Interlocked.Exchange(ref _callerSleeping, 1);
            if (Volatile.Read(ref _completed) != seq)
                Done.Wait();
            Volatile.Write(ref _callerSleeping, 0);
        }
    }

    // Deliberately not Thread.SpinWait: on virtual machines a run of PAUSE instructions can trigger a pause-loop
    // exit, and the hypervisor may then deschedule this vCPU for a whole host tick (milliseconds).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Relax()
    {
    }

    private static void EnsureHelper()
    {
        if (_helper is not null)
            return;
        lock (StartLock)
        {
            if (_helper is not null)
                return;
            var t = new Thread(HelperLoop) { IsBackground = true, Name = "Recur.Parallelism helper" };
            t.Start();
            _helper = t;
        }
    }

    private static unsafe void HelperLoop()
    {
        long seen = 0;
        while (true)
        {
            seen = WaitForJob(seen);
            if (!TryClaim(seen))
                continue; // the caller got there first and ran it itself
            try
            {
                _job();
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }

            Volatile.Write(ref _completed, seen);
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _callerSleeping) == 1)
                Done.Release();
        }
    }

    /// <summary>Returns the newest posted sequence number once it differs from <paramref name="seen"/>.</summary>
    private static long WaitForJob(long seen)
    {
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetTimestamp() - start < HelperSpinTicks)
            {
                for (int i = 0; i < 64; i++)
                {
                    long posted = Volatile.Read(ref _posted);
                    if (posted != seen)
                        return posted;
                    Relax();
                }
            }

            Interlocked.Exchange(ref _helperSleeping, 1);
            if (Volatile.Read(ref _posted) == seen)
                Wake.Wait();
            Volatile.Write(ref _helperSleeping, 0);
        }
    }
}
