#!/usr/bin/env python3
"""How far each kept DRCORL policy of a sweep is from the data, in BC-Safe's units: the calibration of
the selection's support limit (offline-matrix.md, "The BC-Safe baseline in the selection").

  docs/results/support-check.py DATA_DIR SWEEP...

For every drcorl run of the sweeps, the kept policy and the same seed's and budget's bc-safe policy
(from any of the sweeps) are exported as npz (`./drcorl export`) and run on every transition of the
task's dataset (DATA_DIR/TASK.hdf5); the deviation of a policy is the mean over transitions and action
dimensions of (pi(s) - a)^2, as OfflinePipeline.actionDeviation computes it. Prints one row per run
(the ratio drcorl / bc-safe and both policies' evaluation scores) and, per task, the range of ratios and
those of the kept policies that broke the budget.

A documentation aid (numpy and h5py, as the tests' cross-checks use), not part of drcorl.
"""
import collections
import csv
import glob
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def act(z, x):
    layers = len(z["sizes"]) - 1
    for i in range(layers):
        x = x @ z["W%d" % i] + z["b%d" % i]
        if i < layers - 1:
            x = np.maximum(x, 0)
    return np.tanh(x) if bool(z["tanh_output"]) else x


def policy(run, algo, kappa, seed, tmp):
    out = os.path.join(tmp, f"{abs(hash(run))}-{algo}-{kappa}-{seed}.npz")
    subprocess.run([os.path.join(ROOT, "drcorl"), "export", "--policy",
                    os.path.join(run, "policies", algo, "kappa-" + kappa, "seed-" + seed + ".json"),
                    "--format", "npz", "--out", out], check=True, stdout=subprocess.DEVNULL)
    return np.load(out)


def score(run):
    row = next(csv.DictReader(open(os.path.join(run, "results", "scores.csv"))))
    return float(row["normalized_reward"]), float(row["normalized_cost"])


def main(data_dir, sweeps):
    runs = {}
    for s in sweeps:
        for r in glob.glob(os.path.join(s, "runs", "*", "*", "kappa-*", "seed-*")):
            task, algo, kappa, seed = r.split(os.sep)[-4:]
            runs.setdefault((task, algo, kappa[6:], seed[5:]), r)
    per_task = collections.defaultdict(list)
    print("task,kappa,seed,deviation_ratio,drcorl_reward,drcorl_cost,bc_safe_reward,bc_safe_cost")
    with tempfile.TemporaryDirectory() as tmp:
        for (task, algo, kappa, seed), run in sorted(runs.items()):
            if algo != "drcorl" or (task, "bc-safe", kappa, seed) not in runs:
                continue
            with h5py.File(os.path.join(data_dir, task + ".hdf5")) as f:
                obs, actions = f["observations"][:], f["actions"][:]
            safe_run = runs[(task, "bc-safe", kappa, seed)]
            d = [np.mean((act(policy(r, a, kappa, seed, tmp), obs) - actions) ** 2) for r, a in ((run, "drcorl"), (safe_run, "bc-safe"))]
            mine, theirs = score(run), score(safe_run)
            print(f"{task},{kappa},{seed},{d[0] / d[1]:.3f},{mine[0]:.3f},{mine[1]:.3f},{theirs[0]:.3f},{theirs[1]:.3f}")
            per_task[task].append((d[0] / d[1], mine[1] > 1))
    for task, v in per_task.items():
        ratios = [r for r, _ in v]
        unsafe = sorted(r for r, bad in v if bad)
        print(f"# {task}: ratio {min(ratios):.2f}-{max(ratios):.2f}; kept over the budget: {len(unsafe)}"
              + (" at ratios " + ", ".join("%.1f" % r for r in unsafe) if unsafe else ""), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
