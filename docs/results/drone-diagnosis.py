#!/usr/bin/env python3
"""Why DRCORL fails on the Drone tasks (issue 17): the figures of offline-matrix.md's Drone section.

  docs/results/drone-diagnosis.py lengths SWEEP
      per task and algorithm, the evaluation episodes' mean length in each cell (κ/seed) and how
      many of the 50 ended before the task's time limit (the longest episode seen on that task)
  docs/results/drone-diagnosis.py spread DATASET.hdf5...
      per dataset: terminal transitions, and how much the data's actions vary at (nearly) the same
      state: for 1000 random transitions, the nearest state (standardized) in another episode and
      the action rmse to it, divided by √2 (two draws at one state), against the rmse to a random
      transition's action
  docs/results/drone-diagnosis.py audit RUN...
      per audited run (`drcorl run --audit-episodes N`): its snapshots' offline cost bounds (fitted
      Q evaluation, learned model) against the audited cost, in budgets: Spearman's ρ and how many
      snapshots a bound called safe (≤ 1) that measured over 1

A documentation aid (numpy and h5py, Debian's python3-h5py), not part of drcorl.
"""
import csv
import glob
import os
import sys


def lengths(sweep):
    cells = {}
    for f in sorted(glob.glob(os.path.join(sweep, "runs", "*", "*", "kappa-*", "seed-*", "results", "episodes.csv"))):
        parts = f.split(os.sep)
        task, algo, kappa, seed = parts[-6], parts[-5], parts[-4][6:], parts[-3][5:]
        n = [int(r["length"]) for r in csv.DictReader(open(f))]
        cells.setdefault(task, {}).setdefault(algo, []).append((int(kappa), int(seed), n))
    for task, algos in sorted(cells.items()):
        limit = max(max(n) for runs in algos.values() for _, _, n in runs)
        print(f"{task} (time limit {limit} steps): κ/seed mean length (episodes ended early of 50)")
        for algo, runs in sorted(algos.items()):
            text = ", ".join(f"{k}/{s} {sum(n) / len(n):.0f} ({sum(1 for x in n if x < limit)})" for k, s, n in sorted(runs))
            print(f"  {algo}: {text}")


def spread(paths):
    import h5py
    import numpy as np
    for path in paths:
        with h5py.File(path, "r") as f:
            obs, act = f["observations"][:].astype(np.float64), f["actions"][:].astype(np.float64)
            terminals, timeouts = f["terminals"][:], f["timeouts"][:]
        ends = np.flatnonzero(np.logical_or(terminals, timeouts))
        episode = np.searchsorted(ends, np.arange(len(obs)))
        z = (obs - obs.mean(0)) / np.maximum(obs.std(0), 1e-9)
        rng = np.random.default_rng(3)
        queries = rng.integers(0, len(obs), 1000)
        near, rand = [], []
        for i in queries:
            d = ((z - z[i]) ** 2).sum(1)
            d[episode == episode[i]] = np.inf
            j = int(np.argmin(d))
            near.append(((act[i] - act[j]) ** 2).mean())
            k = int(rng.integers(0, len(obs)))
            rand.append(((act[i] - act[k]) ** 2).mean())
        nn, rr = np.sqrt(np.mean(near)), np.sqrt(np.mean(rand))
        print(f"{os.path.basename(path)}: {len(obs)} transitions, {int(terminals.sum())} terminal; action spread at a state "
              f"{nn / np.sqrt(2):.3f} per dimension (nearest-state rmse {nn:.3f}), random pairs' rmse {rr:.3f}")


def spearman(x, y):
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return sxy / (sx * sy) if sx and sy else float("nan")


def audit(runs):
    for run in runs:
        for f in sorted(glob.glob(os.path.join(run, "logs", "drcorl", "kappa-*", "seed-*-selection.csv"))):
            rows = list(csv.DictReader(open(f)))
            if "audit.cost" not in rows[0]:
                continue
            measured = [float(r["audit.cost"]) for r in rows]
            print(f"{f}: audited cost of {len(rows)} policies {min(measured):.2f} to {max(measured):.2f} budgets (median "
                  f"{sorted(measured)[len(measured) // 2]:.2f})")
            for name, column in (("fitted Q evaluation", "cost_estimate"), ("learned model", "model.cost")):
                bound = [float(r[column]) for r in rows]
                wrong = sum(1 for b, m in zip(bound, measured) if b <= 1 < m)
                print(f"  {name}: bounds {min(bound):.2f} to {max(bound):.2f}, Spearman ρ with the audit {spearman(bound, measured):+.2f}, "
                      f"{wrong} of {len(rows)} called safe that measured over 1")
            kept = [r for r in rows if r["kept"] == "1"]
            if kept:
                r = kept[0]
                print(f"  kept: step {r['step']}, bound {float(r['cost_estimate']):.2f} (model {float(r['model.cost']):.2f}), "
                      f"audited {float(r['audit.cost']):.2f}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("lengths", "spread", "audit"):
        sys.exit(__doc__)
    {"lengths": lambda a: lengths(a[0]), "spread": spread, "audit": audit}[sys.argv[1]](sys.argv[2:])
