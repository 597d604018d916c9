#!/usr/bin/env python3
"""Issue 17's matrix: DRCORL against the BC baselines, fully offline, on every task × κ × seed.

Reads the sweeps (`drcorl sweep ... --out DIR`; `DIR:ALGO,ALGO` takes only those algorithms of a sweep, to
merge a rerun of one algorithm with the others' runs; `FILE.csv:ALGO,ALGO` takes those algorithms' rows
from a CSV this script wrote before, of the same command, for runs whose sweep is gone) and writes

  docs/results/offline-matrix.py cells SWEEP... > docs/results/offline-matrix.csv
      one row per task × κ × algorithm: mean, std and 95 % interval over the seeds (the sweeps'
      summary.csv rows, merged)
  docs/results/offline-matrix.py seeds SWEEP... > docs/results/offline-matrix-seeds.csv
      one row per task × κ × seed × algorithm, and for drcorl what its offline selection did:
      the phase-2 step it kept, the learned model's cost bound of that snapshot (normalized,
      mean + k·σ), how many of DRCORL's own policies were within the budget by that bound, and the
      kept policy's action deviation in BC-Safe's units (kept step -2: the BC-Safe baseline, which the
      selection keeps unless a policy is judged a safe improvement on it; selection logs before that
      rule had no baseline, and then 0 within means the fallback kept the lowest bound)
  docs/results/offline-matrix.py table offline-matrix.csv offline-matrix-seeds.csv
      the Markdown tables of offline-matrix.md: per cell, per task, the bar, the failing cells

A documentation aid (standard library only), not part of drcorl.
"""
import csv
import glob
import math
import os
import sys

ALGOS = ["drcorl", "bc-safe", "bc-all", "bc-lag"]


def sweep_algos(arg):
    """'DIR' or 'DIR:ALGO,ALGO': the sweep and the algorithms taken from it (None: all)."""
    path, _, algos = arg.partition(":")
    return path, (set(algos.split(",")) if algos else None)


def cells(sweeps):
    rows = []
    for arg in sweeps:
        s, algos = sweep_algos(arg)
        f = s if s.endswith(".csv") else os.path.join(s, "summary.csv")
        rows += [r for r in csv.DictReader(open(f)) if algos is None or r["algorithm"] in algos]
    out = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()), lineterminator="\n")
    out.writeheader()
    for r in rows:
        out.writerow(r)


SEEDS_COLUMNS = ["task", "kappa", "seed", "algorithm", "normalized_reward", "normalized_cost", "kept_step",
                 "kept_model_cost_bound", "snapshots", "snapshots_within_budget", "kept_deviation"]


def seeds(sweeps):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(SEEDS_COLUMNS)
    for arg in sweeps:
        s, algos = sweep_algos(arg)
        if s.endswith(".csv"):  # rows written by this command before
            for r in csv.DictReader(open(s)):
                if algos is None or r["algorithm"] in algos:
                    out.writerow([r.get(c, "") for c in SEEDS_COLUMNS])
            continue
        for f in sorted(glob.glob(os.path.join(s, "runs", "*", "*", "kappa-*", "seed-*", "results", "scores.csv"))):
            run = os.path.dirname(os.path.dirname(f))
            task = run.split(os.sep)[-4]
            for r in csv.DictReader(open(f)):
                if algos is not None and r["algorithm"] not in algos:
                    continue
                kept = ["", "", "", "", ""]
                if r["algorithm"] == "drcorl":
                    kappa = r["threshold"].rstrip("0").rstrip(".")
                    log = os.path.join(run, "logs", "drcorl", "kappa-" + kappa, "seed-" + r["seed"] + "-selection.csv")
                    rows = list(csv.DictReader(open(log)))
                    k = [x for x in rows if x["kept"] == "1"][0]
                    own = [x for x in rows if int(x["step"]) >= -1]  # the baseline (-2) is not DRCORL's
                    within = sum(1 for x in own if float(x["model.cost"]) <= 1.0)
                    kept = [k["step"], "%.4f" % float(k["model.cost"]), len(own), within,
                            "%.3f" % float(k["deviation"]) if k.get("deviation") else ""]
                out.writerow([task, float(r["threshold"]), r["seed"], r["algorithm"], r["normalized_reward"],
                              r["normalized_cost"]] + kept)


def short(task):
    return task.replace("Offline", "").replace("Gymnasium-v1", "").replace("-v0", "")


def table(cells_csv, seeds_csv):
    summary = {}
    for r in csv.DictReader(open(cells_csv)):
        summary[(r["task"], float(r["kappa"]), r["algorithm"])] = r
    per_seed = list(csv.DictReader(open(seeds_csv)))
    tasks = list(dict.fromkeys(r["task"] for r in csv.DictReader(open(cells_csv))))

    def cell(task, kappa, algo):
        r = summary.get((task, kappa, algo))
        if r is None:
            return "—"
        ci = lambda x: "" if r[x] == "" else " ± %.2f" % float(r[x])
        flag = "" if r["safe"] == "true" else " **unsafe**"
        return "%.3f%s / %.2f%s%s" % (float(r["reward_mean"]), ci("reward_ci95"), float(r["cost_mean"]), ci("cost_ci95"), flag)

    print("Per cell: normalized reward / normalized cost, mean ± 95 % interval over 3 seeds (Student's t, 2 d.f.);"
          " unsafe ⇔ mean cost > 1.\n")
    print("| task | κ | " + " | ".join(ALGOS) + " |")
    print("|---|---|" + "---|" * len(ALGOS))
    keys = []
    for t in tasks:
        for k in sorted({key[1] for key in summary if key[0] == t}):
            keys.append((t, k))
            print("| %s | %g | %s |" % (short(t), k, " | ".join(cell(t, k, a) for a in ALGOS)))

    print("\nPer algorithm, over the %d cells:\n" % len(keys))
    print("| algorithm | safe cells | reward ≥ BC-Safe | safe and ≥ BC-Safe | mean reward | mean cost |")
    print("|---|---|---|---|---|---|")
    for a in ALGOS:
        rs = [summary[(t, k, a)] for t, k in keys if (t, k, a) in summary]
        bs = [summary[(t, k, "bc-safe")] for t, k in keys if (t, k, a) in summary]
        if not rs:
            continue  # not in these sweeps
        safe = sum(r["safe"] == "true" for r in rs)
        ge = sum(float(r["reward_mean"]) >= float(b["reward_mean"]) for r, b in zip(rs, bs))
        both = sum(r["safe"] == "true" and float(r["reward_mean"]) >= float(b["reward_mean"]) for r, b in zip(rs, bs))
        mr = sum(float(r["reward_mean"]) for r in rs) / len(rs)
        mc = sum(float(r["cost_mean"]) for r in rs) / len(rs)
        print("| %s | %d / %d | %s | %s | %.3f | %.3f |" % (a, safe, len(rs), "—" if a == "bc-safe" else "%d / %d" % (ge, len(rs)),
                                                         "—" if a == "bc-safe" else "%d / %d" % (both, len(rs)), mr, mc))

    print("\nPer task (DRCORL against BC-Safe, mean over the task's κ):\n")
    print("| task | drcorl safe | drcorl ≥ BC-Safe | drcorl reward | BC-Safe reward | ratio |")
    print("|---|---|---|---|---|---|")
    for t in tasks:
        ks = [k for tt, k in keys if tt == t]
        d = [summary[(t, k, "drcorl")] for k in ks]
        b = [summary[(t, k, "bc-safe")] for k in ks]
        dr = sum(float(x["reward_mean"]) for x in d) / len(d)
        br = sum(float(x["reward_mean"]) for x in b) / len(b)
        print("| %s | %d / %d | %d / %d | %.3f | %.3f | %s |" % (
            short(t), sum(x["safe"] == "true" for x in d), len(d),
            sum(float(x["reward_mean"]) >= float(y["reward_mean"]) for x, y in zip(d, b)), len(d), dr, br,
            "%.2f×" % (dr / br) if br > 0 else "—"))

    baseline = any(r["kept_deviation"] for r in per_seed if r["algorithm"] == "drcorl")
    if baseline:
        print("\nDRCORL's offline selection, per seed (kept: BC-Safe, or the DRCORL policy judged a safe improvement on it,"
              " −1 the phase-1 policy; the learned model's cost bound of the kept policy; how many of DRCORL's own"
              " policies that bound put within the budget; the kept policy's action deviation in BC-Safe's units):\n")
        print("| task | κ | seed | reward | cost | BC-Safe reward | kept | model bound | DRCORL policies within budget | deviation |")
        print("|---|---|---|---|---|---|---|---|---|---|")
    else:
        print("\nDRCORL's offline selection, per seed (the learned model's cost bound of the kept snapshot; a bound"
              " over 1 means no snapshot was within the budget and the lowest bound was kept):\n")
        print("| task | κ | seed | reward | cost | BC-Safe reward | kept step | model bound | snapshots within budget |")
        print("|---|---|---|---|---|---|---|---|---|")
    bc = {(r["task"], r["kappa"], r["seed"]): r for r in per_seed if r["algorithm"] == "bc-safe"}
    for r in per_seed:
        if r["algorithm"] != "drcorl":
            continue
        b = bc.get((r["task"], r["kappa"], r["seed"]))
        c = float(r["normalized_cost"])
        rw = float(r["normalized_reward"])
        br = float(b["normalized_reward"]) if b else math.nan
        line = "| %s | %g | %s | %.3f%s | %.2f%s | %.3f | %s | %.2f | %s / %s |" % (
            short(r["task"]), float(r["kappa"]), r["seed"], rw, "" if rw >= br else " ↓", c, "" if c <= 1 else " ✗", br,
            "BC-Safe" if r["kept_step"] == "-2" else r["kept_step"], float(r["kept_model_cost_bound"]),
            r["snapshots_within_budget"], r["snapshots"])
        print(line + (" %.1f |" % float(r["kept_deviation"]) if baseline else ""))


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("cells", "seeds", "table"):
        sys.exit(__doc__)
    {"cells": lambda a: cells(a), "seeds": lambda a: seeds(a), "table": lambda a: table(*a)}[sys.argv[1]](sys.argv[2:])
