"""NumPy peer for bench/evaluation: the same paired bootstrap, two ways.

  multinomial: per benchmark, the 2x2 table of paired 0/1 items resampled with rng.multinomial
               (the method Stagegate uses), full size.
  per-item:    the textbook way, drawing n item indices per resample, on a slice (extrapolated).

Prints one JSON line. Usage: python3 numpy_bootstrap.py BENCHMARKS ITEMS RESAMPLES SLICE_RESAMPLES [RUNS]
(the multinomial time is the median of RUNS runs, default 1, as the TypeScript side reports its median)
"""
import json, resource, sys, time
import numpy as np

benchmarks, items, resamples, slice_resamples = map(int, sys.argv[1:5])
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 1
rng = np.random.default_rng(1)
data = []
for b in range(benchmarks):
    pr = 0.45 + 0.03 * b
    pc = pr * 0.96
    d = rng.random(items)
    ref = (d < pr).astype(np.float64)
    mix = np.where(rng.random(items) < 0.8, d, rng.random(items))
    cand = (mix < pc).astype(np.float64)
    data.append((cand, ref, 0.25 if b % 2 else 0.0))

def multinomial_run():
    total = np.zeros(resamples)
    for cand, ref, c in data:
        n = len(cand)
        table = np.array([np.sum((cand == 1) & (ref == 1)), np.sum((cand == 1) & (ref == 0)),
                          np.sum((cand == 0) & (ref == 1)), np.sum((cand == 0) & (ref == 0))]) / n
        counts = rng.multinomial(n, table, size=resamples)
        s = (counts[:, 0] + counts[:, 1]) / n
        r = (counts[:, 0] + counts[:, 2]) / n
        ratio = (s - c) / (r - c)
        total += ratio / len(data)
    return np.percentile(total, [2.5, 97.5])

def per_item_slice():
    cand, ref, c = data[0]
    n = len(cand)
    out = np.empty(slice_resamples)
    chunk = 10
    for k in range(0, slice_resamples, chunk):
        idx = rng.integers(0, n, size=(chunk, n))
        s = cand[idx].mean(axis=1)
        r = ref[idx].mean(axis=1)
        out[k:k + chunk] = (s - c) / (r - c)
    return out

times = []
for _ in range(runs):
    t = time.perf_counter(); ci = multinomial_run(); times.append(time.perf_counter() - t)
t_multi = sorted(times)[len(times) // 2]
t = time.perf_counter(); per_item_slice(); t_slice = time.perf_counter() - t
print(json.dumps({
    "multinomialSeconds": t_multi,
    "ci": ci.tolist(),
    "perItemSliceSeconds": t_slice,
    "perItemExtrapolatedSeconds": t_slice * benchmarks * resamples / slice_resamples,
    "maxRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
