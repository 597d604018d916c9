#!/usr/bin/env python3
"""Offline selection rules replayed on audited runs (docs/results/offline-matrix.md, last section).

Every run under the given folders must have been made with `--audit-episodes N`: its selection log
(logs/drcorl/kappa-K/seed-S-selection.csv) then holds, for each snapshot, what the offline estimators
read and what N simulator episodes measured (audit.cost in budgets, audit.reward per episode). For each
rule this picks a snapshot per run as the offline selection does (the highest reward estimate among
those whose cost estimate is within the budget, else the lowest cost estimate) and reports what the
audit measured of the picks: runs within the budget and mean normalized reward. `oracle` judges by the
audit itself, which no offline method can: an upper reference.

    docs/results/selection-rules.py RUNS_DIR [RUNS_DIR ...]
"""
import csv
import glob
import json
import os
import statistics
import sys


def runs(roots):
    for root in roots:
        for config in sorted(glob.glob(os.path.join(root, '**', 'config.json'), recursive=True)):
            run = os.path.dirname(config)
            logs = glob.glob(os.path.join(run, 'logs', 'drcorl', 'kappa-*', 'seed-*-selection.csv'))
            if not logs:
                continue
            with open(config) as f:
                c = json.load(f)
            norm = c['resolved']['normalization']
            with open(logs[0]) as f:
                rows = list(csv.DictReader(f))
            if not rows or 'audit.cost' not in rows[0]:
                sys.exit(f'{logs[0]}: no audit columns (run with --audit-episodes N)')
            yield c['task'], c['thresholds'][0], c['seeds'][0], norm['reward-min'], norm['reward-max'], rows


def pick(rows, reward, cost):
    best = None
    for r in rows:
        value, bound = reward(r), cost(r)
        if best is None:
            best = (r, value, bound)
            continue
        _, best_value, best_bound = best
        if (bound <= 1 and (best_bound > 1 or value > best_value)) or (bound > 1 and best_bound > 1 and bound < best_bound):
            best = (r, value, bound)
    return best[0]


def f(r, key):
    return float(r[key])


RULES = {
    'model (the selection now)': (lambda r: f(r, 'model.reward'), lambda r: f(r, 'model.cost')),
    'FQE': (lambda r: f(r, 'reward_estimate'), lambda r: f(r, 'cost_estimate')),
    'both (lower reward, higher cost)': (lambda r: min(f(r, 'reward_estimate'), f(r, 'model.reward')),
                                         lambda r: max(f(r, 'cost_estimate'), f(r, 'model.cost'))),
    'model, cost mean (no k·σ)': (lambda r: f(r, 'model.reward'), lambda r: f(r, 'model.cost_mean')),
    'phase 1 always': (lambda r: -f(r, 'step'), lambda r: 0.0),
    'oracle (the audit)': (lambda r: f(r, 'audit.reward'), lambda r: f(r, 'audit.cost')),
}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    all_runs = list(runs(sys.argv[1:]))
    if not all_runs:
        sys.exit('no audited run found under ' + ', '.join(sys.argv[1:]))
    print(f'| rule | runs within the budget (audit) | mean normalized reward (audit) | Car and Ball: within / mean reward | Drone: within / mean reward |')
    print('|---|---|---|---|---|')
    for name, (reward, cost) in RULES.items():
        groups = {'all': [], 'cb': [], 'drone': []}
        for task, kappa, seed, rmin, rmax, rows in all_runs:
            r = pick(rows, reward, cost)
            outcome = ((f(r, 'audit.reward') - rmin) / (rmax - rmin), f(r, 'audit.cost'))
            groups['all'].append(outcome)
            groups['drone' if 'Drone' in task else 'cb'].append(outcome)

        def cell(g):
            if not g:
                return '—'
            return f'{sum(c <= 1 for _, c in g)} / {len(g)}, {statistics.mean(x for x, _ in g):.3f}'
        a = groups['all']
        print(f'| {name} | {sum(c <= 1 for _, c in a)} / {len(a)} | {statistics.mean(x for x, _ in a):.3f} | '
              f'{cell(groups["cb"])} | {cell(groups["drone"])} |')


if __name__ == '__main__':
    main()
