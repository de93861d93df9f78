#include "core/kernels/quantiles.h"

#include <cmath>
#include <numbers>

namespace od {

double normalUpperQuantile(double q)
{
    if (q > 0.5)
        return -normalUpperQuantile(1 - q);
    // Abramowitz and Stegun 26.2.23 (error < 4.5e-4) as the start, then Newton's method on the
    // exact tail 0.5 * erfc(x / sqrt 2), which converges to double precision in a few steps.
    const double t = std::sqrt(-2 * std::log(q));
    double x = t
        - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
    for (int i = 0; i < 50; ++i) {
        const double tail = 0.5 * std::erfc(x / std::numbers::sqrt2);
        const double pdf = std::exp(-0.5 * x * x) / std::sqrt(2 * std::numbers::pi);
        if (!(pdf > 0))
            break;
        const double step = (tail - q) / pdf;
        x += step;
        if (std::fabs(step) < 1e-14 * (1 + std::fabs(x)))
            break;
    }
    return x;
}

double studentUpperQuantile(double q, double df)
{
    // G. W. Hill, "Algorithm 396: Student's t-quantiles", CACM 13(10), 1970, on the two-tailed
    // probability p = 2q; accurate to about 6 digits for df >= 1, far finer than ESD needs.
    const double p = 2 * q;
    if (df == 1) {
        const double a = p * std::numbers::pi / 2;
        return std::cos(a) / std::sin(a);
    }
    if (df == 2)
        return std::sqrt(2 / (p * (2 - p)) - 2);
    const double n = df;
    const double a = 1 / (n - 0.5);
    const double b = 48 / (a * a);
    double c = ((20700 * a / b - 98) * a - 16) * a + 96.36;
    const double d = ((94.5 / (b + c) - 3) / b + 1) * std::sqrt(a * std::numbers::pi / 2) * n;
    double x = d * p;
    double y = std::pow(x, 2 / n);
    if (y > 0.05 + a) {
        x = normalUpperQuantile(p / 2);
        y = x * x;
        if (n < 5)
            c += 0.3 * (n - 4.5) * (x + 0.6);
        c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
        y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
        y = a * y * y;
        y = y > 0.002 ? std::exp(y) - 1 : 0.5 * y * y + y;
    } else {
        y = ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) * (n + 1) / (n + 2)
            + 1 / y;
    }
    return std::sqrt(n * y);
}

} // namespace od
