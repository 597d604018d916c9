#!/usr/bin/env python3
"""How the offline selection's pessimism (the model's upper-k) trades reward for safety.

Reads the per-snapshot selection logs of runs made with `--audit-episodes N` (each snapshot's
offline estimates next to what N simulator episodes measured of it) and replays the offline
selection rule on them for several k: which snapshot each k would have kept, and what the audit
measured of it. The audit steers nothing, so one set of runs serves every k.

  docs/results/selection-study.py collect RUN_DIR... > docs/results/selection-study.csv
  docs/results/selection-study.py table docs/results/selection-study.csv
  docs/results/selection-study.py kept RUN_DIR...     (what each run kept itself, at its own k and settings)

A documentation aid (standard library only), not part of drcorl.
"""
import csv
import glob
import json
import os
import sys


def read_run(run):
    """A run's config, its reward normalization, BC-Safe's reward per (κ, seed), and its selection logs as (file, κ, seed)."""
    config = json.load(open(os.path.join(run, "config.json")))
    norm = config["resolved"]["normalization"]
    bc = {}
    for r in csv.DictReader(open(os.path.join(run, "results", "scores.csv"))):
        if r["algorithm"] == "bc-safe":
            bc[(float(r["threshold"]), r["seed"])] = float(r["normalized_reward"])
    logs = [(f, float(f.split("kappa-")[1].split(os.sep)[0]), os.path.basename(f).split("-")[1])
            for f in sorted(glob.glob(os.path.join(run, "logs", "drcorl", "kappa-*", "seed-*-selection.csv")))]
    return config, norm["reward-min"], norm["reward-max"], bc, logs


def collect(runs):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["task", "seed", "kappa", "bc_safe_reward", "step", "model_cost_mean", "model_cost_upper2",
                  "model_reward_lower2", "audit_cost", "audit_reward"])
    for run in runs:
        config, rmin, rmax, bc, logs = read_run(run)
        for f, kappa, seed in logs:
            for r in csv.DictReader(open(f)):
                if r.get("audit.cost", "") in ("", "NaN"):
                    sys.exit(f"{f}: no audit column; run with --audit-episodes N")
                out.writerow([config["task"], seed, f"{kappa:g}", f"{bc[(kappa, seed)]:.4f}", r["step"],
                              r["model.cost_mean"], r["model.cost"], r["model.reward"], r["audit.cost"],
                              f"{(float(r['audit.reward']) - rmin) / (rmax - rmin):.4f}"])


def table(path):
    cells = {}
    for r in csv.DictReader(open(path)):
        cells.setdefault((r["task"], r["seed"], r["kappa"]), []).append(r)
    n = len(cells)
    print(f"{n} cells (task × seed × κ), {sum(len(v) for v in cells.values())} snapshots; "
          "costs normalized (≤ 1 is safe), rewards normalized (DSRL)\n")
    print("| rule | safe cells (audit) | cells with reward ≥ BC-Safe | mean reward | BC-Safe mean | worst cost kept |")
    print("|---|---|---|---|---|---|")

    def replay(name, pick):
        safe = wins = 0
        rewards, bcs, worst = [], [], 0.0
        for rows in cells.values():
            r = pick(rows)
            cost, reward, bc = float(r["audit_cost"]), float(r["audit_reward"]), float(r["bc_safe_reward"])
            safe += cost <= 1
            wins += reward >= bc
            rewards.append(reward)
            bcs.append(bc)
            worst = max(worst, cost)
        print(f"| {name} | {safe}/{n} | {wins}/{n} | {sum(rewards) / n:.3f} | {sum(bcs) / n:.3f} | {worst:.2f} |")

    for k in (0.0, 0.5, 1.0, 1.5, 2.0):
        replay(f"model bound, k = {k:g}", lambda rows, k=k: model_bound(rows, k))
    replay("last phase-2 policy", lambda rows: max(rows, key=lambda r: int(r["step"])))
    replay("oracle (best audited reward within budget; not offline)", oracle)

    print("\nPer task: safe cells, cells with reward ≥ BC-Safe, mean normalized reward\n")
    print("| task | BC-Safe | k = 0 | k = 0.5 | k = 2 | oracle |")
    print("|---|---|---|---|---|---|")
    for task in sorted({key[0] for key in cells}):
        mine = [rows for key, rows in cells.items() if key[0] == task]
        bc = sum(float(rows[0]["bc_safe_reward"]) for rows in mine) / len(mine)
        columns = []
        for pick in (lambda rows: model_bound(rows, 0.0), lambda rows: model_bound(rows, 0.5), lambda rows: model_bound(rows, 2.0), oracle):
            kept = [pick(rows) for rows in mine]
            safe = sum(float(r["audit_cost"]) <= 1 for r in kept)
            wins = sum(float(r["audit_reward"]) >= float(r["bc_safe_reward"]) for r in kept)
            columns.append(f"{safe}/{len(mine)}, {wins}/{len(mine)}, {sum(float(r['audit_reward']) for r in kept) / len(mine):.3f}")
        print(f"| {task} | {bc:.3f} | " + " | ".join(columns) + " |")


def model_bound(rows, k):
    """The offline rule: the best reward bound among snapshots whose cost bound mean + k·σ is within 1, else the lowest bound."""
    mean = lambda r: float(r["model_cost_mean"])
    sigma = lambda r: (float(r["model_cost_upper2"]) - mean(r)) / 2
    bound = lambda r: mean(r) + k * sigma(r)
    within = [r for r in rows if bound(r) <= 1.0]
    if within:
        return max(within, key=lambda r: float(r["model_reward_lower2"]))
    return min(rows, key=bound)


def oracle(rows):
    return max([r for r in rows if float(r["audit_cost"]) <= 1] or rows, key=lambda r: float(r["audit_reward"]))


def kept(runs):
    """The snapshot each run kept (its selection log's `kept` column), scored by its audit, per cell and per task."""
    cells = {}
    for run in runs:
        config, rmin, rmax, bc, logs = read_run(run)
        for f, kappa, seed in logs:
            rows = list(csv.DictReader(open(f)))
            scored = [(float(r["audit.cost"]), (float(r["audit.reward"]) - rmin) / (rmax - rmin), r) for r in rows]
            mine = [x for x in scored if x[2]["kept"] == "1"][0]
            best = max([x for x in scored if x[0] <= 1] or scored, key=lambda x: x[1])
            cells[(config["task"], seed, kappa)] = (mine, best, bc[(kappa, seed)])
    n = len(cells)
    print(f"{n} cells (task × seed × κ); the kept snapshot's audit (costs normalized, ≤ 1 safe; rewards normalized)\n")
    print("| rule | safe cells (audit) | cells with reward ≥ BC-Safe | mean reward | BC-Safe mean | worst cost kept |")
    print("|---|---|---|---|---|---|")
    for name, i in (("kept by the run", 0), ("oracle (best audited reward within budget; not offline)", 1)):
        picked = [(v[i], v[2]) for v in cells.values()]
        print(f"| {name} | {sum(p[0] <= 1 for p, _ in picked)}/{n} | {sum(p[1] >= b for p, b in picked)}/{n} | "
              f"{sum(p[1] for p, _ in picked) / n:.3f} | {sum(b for _, b in picked) / n:.3f} | {max(p[0] for p, _ in picked):.2f} |")
    print("\n| task | BC-Safe | kept: safe, ≥ BC-Safe, mean reward | oracle |")
    print("|---|---|---|---|")
    for task in sorted({key[0] for key in cells}):
        mine = [v for key, v in cells.items() if key[0] == task]
        columns = []
        for i in (0, 1):
            columns.append(f"{sum(v[i][0] <= 1 for v in mine)}/{len(mine)}, {sum(v[i][1] >= v[2] for v in mine)}/{len(mine)}, "
                           f"{sum(v[i][1] for v in mine) / len(mine):.3f}")
        print(f"| {task} | {sum(v[2] for v in mine) / len(mine):.3f} | " + " | ".join(columns) + " |")
    print("\n| cell | kept step | audit cost | audit reward | BC-Safe |")
    print("|---|---|---|---|---|")
    for (task, seed, kappa), (mine, _, b) in sorted(cells.items()):
        print(f"| {task} s{seed} κ{kappa:g} | {mine[2]['step']} | {mine[0]:.2f} | {mine[1]:.3f} | {b:.3f} |")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "collect":
        collect(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "table":
        table(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "kept":
        kept(sys.argv[2:])
    else:
        sys.exit(__doc__)
