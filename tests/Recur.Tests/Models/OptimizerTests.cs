using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

public sealed class OptimizerTests
{
    private static Variable Var(params float[] values)
    {
        var layer = new Dense(values.Length, useBias: false, kernelInitializer: "zeros");
        layer.Build([null, 1]);
        layer.SetWeights([new Tensor(values, 1, values.Length)]);
        return layer.Kernel!;
    }

    private static void Step(Optimizer opt, Variable v, params float[] g) => opt.Apply([new Tensor(g, v.Shape)], [v]);

    [Fact]
    public void RmsProp_TwoSteps_MatchKerasFormula_EpsilonInsideRoot()
    {
        var v = Var(1f, -2f);
        var opt = new RmsProp(learningRate: 0.01f);
        double[] w = [1, -2], vel = [0, 0];
        double[][] grads = [[0.5, -1], [0.25, 2]];
        foreach (var g in grads)
        {
            Step(opt, v, g.Select(d => (float)d).ToArray());
            for (int i = 0; i < 2; i++)
            {
                vel[i] = 0.9 * vel[i] + 0.1 * g[i] * g[i];
                w[i] -= 0.01 * g[i] / Math.Sqrt(vel[i] + 1e-7);
            }
        }
        Assert.Equal(w[0], v.Value[0, 0], 5);
        Assert.Equal(w[1], v.Value[0, 1], 5);
        Assert.Equal(2 + 1, v.Version);   // SetWeights + two updates
        Assert.Equal(2, opt.Iterations);
    }

    [Fact]
    public void RmsProp_CenteredWithMomentum_MatchesFormula()
    {
        var v = Var(1f);
        var opt = new RmsProp(learningRate: 0.1f, momentum: 0.5f, centered: true);
        double w = 1, vel = 0, avg = 0, m = 0;
        foreach (double g in new[] { 1.0, -0.5 })
        {
            Step(opt, v, (float)g);
            vel = 0.9 * vel + 0.1 * g * g;
            avg = 0.9 * avg + 0.1 * g;
            m = 0.5 * m + 0.1 * g / Math.Sqrt(vel - avg * avg + 1e-7);
            w -= m;
        }
        Assert.Equal(w, v.Value[0, 0], 4);
    }

    [Fact]
    public void Adam_AndAmsgrad_MatchKerasFormula()
    {
        foreach (bool ams in new[] { false, true })
        {
            var v = Var(0.5f);
            var opt = new Adam(learningRate: 0.1f, amsgrad: ams);
            double w = 0.5, m = 0, s = 0, sHat = 0;
            double[] grads = [1, -3, 0.2];
            for (int t = 1; t <= grads.Length; t++)
            {
                double g = grads[t - 1];
                Step(opt, v, (float)g);
                double alpha = 0.1 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
                m += (g - m) * 0.1;
                s += (g * g - s) * 0.001;
                sHat = Math.Max(sHat, s);
                w -= m * alpha / (Math.Sqrt(ams ? sHat : s) + 1e-7);
            }
            Assert.Equal(w, v.Value[0, 0], 5);
        }
    }

    [Fact]
    public void AdamW_DecaysBeforeTheAdamStep()
    {
        var v = Var(2f);
        Step(new AdamW(learningRate: 0.1f, weightDecay: 0.5f), v, 1f);
        double w = 2 - 2 * 0.5 * 0.1;
        double alpha = 0.1 * Math.Sqrt(1 - 0.999) / (1 - 0.9);
        w -= 0.1 * alpha / (Math.Sqrt(0.001) + 1e-7);
        Assert.Equal(w, v.Value[0, 0], 5);
    }

    [Fact]
    public void Sgd_MomentumAndNesterov_MatchFormula()
    {
        foreach (bool nesterov in new[] { false, true })
        {
            var v = Var(1f);
            var opt = new Sgd(learningRate: 0.1f, momentum: 0.9f, nesterov: nesterov);
            double w = 1, m = 0;
            foreach (double g in new[] { 1.0, 2.0 })
            {
                Step(opt, v, (float)g);
                m = -g * 0.1 + m * 0.9;
                w += nesterov ? -g * 0.1 + m * 0.9 : m;
            }
            Assert.Equal(w, v.Value[0, 0], 5);
        }
        var plain = Var(1f);
        Step(new Sgd(), plain, 2f);
        Assert.Equal(1 - 0.02, plain.Value[0, 0], 6);
    }

    [Fact]
    public void Adagrad_MatchesFormula()
    {
        var v = Var(1f);
        Step(new Adagrad(learningRate: 0.1f), v, 2f);
        Assert.Equal(1 - 0.1 * 2 / Math.Sqrt(0.1 + 4 + 1e-7), v.Value[0, 0], 5);
    }

    [Fact]
    public void Clipping_NormGlobalNormValue()
    {
        var v = Var(0f, 0f);
        Step(new Sgd(learningRate: 1f, clipnorm: 1f), v, 3f, 4f);
        Assert.Equal([-0.6f, -0.8f], v.Value.ToArray());
        var a = Var(0f);
        var b = Var(0f);
        new Sgd(learningRate: 1f, globalClipnorm: 1f).Apply([new Tensor([3f], 1, 1), new Tensor([4f], 1, 1)], [a, b]);
        Assert.Equal(-0.6f, a.Value[0, 0], 6);
        Assert.Equal(-0.8f, b.Value[0, 0], 6);
        var c = Var(0f, 0f);
        Step(new Sgd(learningRate: 1f, clipvalue: 0.5f), c, 3f, -0.25f);
        Assert.Equal([-0.5f, 0.25f], c.Value.ToArray());
        Assert.Throws<ArgumentException>(() => new Sgd(clipnorm: 1f, clipvalue: 1f));
    }

    [Fact]
    public void ExponentialDecay_AndConstraints()
    {
        var schedule = new ExponentialDecay(1f, decaySteps: 2, decayRate: 0.5f);
        Assert.Equal(Math.Pow(0.5, 1.5), schedule.At(3), 6);
        Assert.Equal(0.5, new ExponentialDecay(1f, 2, 0.5f, staircase: true).At(3), 6);
        var layer = new Dense(1, useBias: false, kernelInitializer: "zeros", kernelConstraint: new NonNegative());
        layer.Build([null, 1]);
        Step(new Sgd(learningRate: 1f), layer.Kernel!, 5f);
        Assert.Equal(0f, layer.Kernel!.Value[0, 0]);
    }

    [Fact]
    public void UnknownName_Throws() => Assert.Throws<ArgumentException>(() => Optimizer.Get("nope"));

    private sealed class NonNegative : Constraint
    {
        public override string KerasClassName => "NonNeg";
        public override Tensor Apply(Tensor weight) => Ops.Relu(weight);
    }
}
