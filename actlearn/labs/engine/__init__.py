"""Lesson 09, inside the backprop engine: :mod:`.graph` (a computation graph in topological
order, as rows), :mod:`.descent` (gradient descent on a quadratic bowl) and :mod:`.swish`
(Swish with a trainable slope, the custom operation of exercise 09)."""
