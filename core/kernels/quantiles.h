#pragma once
// Quantiles of the normal and Student's t distributions, for the critical values of ESD.

namespace od {

// x with P(Z > x) = q for a standard normal Z, 0 < q < 1.
double normalUpperQuantile(double q);

// t with P(T > t) = q for Student's t with df degrees of freedom (df >= 1), 0 < q < 1.
double studentUpperQuantile(double q, double df);

} // namespace od
