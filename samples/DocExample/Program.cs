// The Keras Bidirectional documentation example; grows into the full model as the layers land.
using Recur;

var x = new Tensor(new float[,] { { 1, 2 }, { 3, 4 } }) { RequiresGrad = true };
var loss = Ops.Sum(Ops.Tanh(Ops.MatMul(x, Tensor.Ones(2, 3))));
loss.Backward();
Console.WriteLine($"loss = {loss.Item():F6}");
Console.WriteLine($"dloss/dx = {x.Grad}");
