import math
print(math.isnan(math.nan), math.isnan(1.0), math.isinf(math.inf), math.isinf(-math.inf), math.isinf(1e308), math.isfinite(1.0), math.isfinite(math.nan))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(1.0, 1.1, rel_tol=0.2), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.modf(3.75), math.modf(-2.5), math.frexp(8.0), math.frexp(0.0), math.ldexp(0.5, 4), math.dist((0, 0), (3, 4)), math.expm1(0.0), math.log1p(0.0))
