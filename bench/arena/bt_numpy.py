"""The same method in NumPy, for a side-by-side figure: identical prior (one pseudo-tie per model
against a fitted reference player), Newman's fixed-point iteration, tolerance 1e-9 on natural-log
strengths, multinomial resampling over the aggregated (pair x outcome) cells, percentile intervals
with linear interpolation, ratings anchored at mean 1000. Prints one JSON line of figures.
Usage: python3 bt_numpy.py VOTES.jsonl [ROUNDS] [SEED]"""
import json, math, resource, sys, time
import numpy as np

PRIOR, TOL, MAX_IT = 1.0, 1e-9, 10_000
SCALE = 400 / math.log(10)


def read(path):
    index, first, second, fw, sw, ti, pair_of = {}, [], [], [], [], [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            v = json.loads(line)
            a = index.setdefault(v["model_a"], len(index))
            b = index.setdefault(v["model_b"], len(index))
            lo, hi = (a, b) if a < b else (b, a)
            p = pair_of.get((lo, hi))
            if p is None:
                p = pair_of[(lo, hi)] = len(first)
                first.append(lo); second.append(hi); fw.append(0); sw.append(0); ti.append(0)
            w = v["winner"]
            if w == "model_a" or w == "model_b":
                if (a if w == "model_a" else b) == lo:
                    fw[p] += 1
                else:
                    sw[p] += 1
            else:
                ti[p] += 1
    models = sorted(index, key=index.get)
    return models, np.array(first), np.array(second), np.array(fw, float), np.array(sw, float), np.array(ti, float)


def fit(m, first, second, fw, sw, ti, start=None):
    s1, s2 = fw + ti / 2, sw + ti / 2
    pi = np.ones(m) if start is None else start.copy()
    half = PRIOR / 2
    for it in range(1, MAX_IT + 1):
        inv = 1 / (pi[first] + pi[second])
        ref_inv = half / (pi + 1)
        num = ref_inv + np.bincount(first, s1 * pi[second] * inv, m) + np.bincount(second, s2 * pi[first] * inv, m)
        den = ref_inv + np.bincount(first, s2 * inv, m) + np.bincount(second, s1 * inv, m)
        reference = (ref_inv * pi).sum() / ref_inv.sum()
        nxt = num / den / reference
        change = np.abs(np.log(nxt / pi)).max()
        pi = nxt
        if change < TOL:
            return pi, it, True
    return pi, MAX_IT, False


def ratings(pi):
    ls = np.log(pi)
    return 1000 + SCALE * (ls - ls.mean())


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    c0 = time.process_time()
    t0 = time.perf_counter()
    models, first, second, fw, sw, ti = read(path)
    m, pairs = len(models), len(first)
    t1 = time.perf_counter()
    pi, iterations, _ = fit(m, first, second, fw, sw, ti)
    t2 = time.perf_counter()
    rng = np.random.default_rng(seed)
    cells = np.stack([fw, sw, ti], axis=1).ravel()
    n = int(cells.sum())
    samples = np.empty((rounds, m))
    unconverged = 0
    for r in range(rounds):
        c = rng.multinomial(n, cells / n).reshape(pairs, 3).astype(float)
        p, _, ok = fit(m, first, second, c[:, 0], c[:, 1], c[:, 2], start=pi)
        unconverged += not ok
        samples[r] = ratings(p)
    lower, upper = np.percentile(samples, [2.5, 97.5], axis=0)
    t3 = time.perf_counter()
    cpu = time.process_time() - c0
    point = ratings(pi)
    print(json.dumps({
        "impl": "numpy",
        "votes": n, "models": m, "pairs": pairs,
        "read_s": t1 - t0, "fit_s": t2 - t1, "fit_iterations": iterations, "bootstrap_s": t3 - t2,
        "unconverged": unconverged,
        "cpu_s": cpu, "start_rss_mb": start_rss,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "mean_ci_width": float((upper - lower).mean()),
        "ratings": {mod: float(point[i]) for i, mod in enumerate(models)},
    }))


if __name__ == "__main__":
    main()
