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
    docs/results/selection-rules.py --baseline SEEDS_CSV RUNS_DIR [RUNS_DIR ...]

With --baseline (runs whose logs hold the BC-Safe baseline as step -2 and each model member's judgement,
model.cost.M and model.reward.M), the rules are safe-improvement rules: keep the baseline unless a policy
passes, and what the baseline measured is read from SEEDS_CSV (offline-matrix.py's seeds CSV: the bc-safe
row of the same task, budget and seed, 50 episodes), since the audit does not measure the baseline.
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


def members(r, kind):
    """Each model member's judgement in a row (model.cost.0, ...): [] where the log has none."""
    out, m = [], 0
    while f'model.{kind}.{m}' in r:
        out.append(f(r, f'model.{kind}.{m}'))
        m += 1
    return out


def paired_lower(candidate, baseline, k):
    """The members' reward differences candidate − baseline: mean − k·σ (sample σ), the paired comparison."""
    d = [a - b for a, b in zip(members(candidate, 'reward'), members(baseline, 'reward'))]
    return statistics.mean(d) - k * statistics.stdev(d)


SUPPORT = 5.0


def improvement(rows, k_cost, better):
    """The baseline (step -2) unless a policy is within the budget at k_cost and `better` than it; the best such."""
    base = next(r for r in rows if int(r['step']) == -2)
    best, best_value = base, None
    for r in rows:
        if int(r['step']) < -1:
            continue
        cost = statistics.mean(members(r, 'cost')) + k_cost * statistics.stdev(members(r, 'cost'))
        if cost > 1 or f(r, 'deviation') > SUPPORT:
            continue
        value = better(r, base)
        if value is not None and (best_value is None or value > best_value):
            best, best_value = r, value
    return best


BASELINE_RULES = {
    'improvement (the selection now: lower bound over BC-Safe\'s mean, k = 1)':
        lambda rows: improvement(rows, 1, lambda r, b: f(r, 'model.reward') if f(r, 'model.reward') > f(b, 'model.reward_mean') else None),
    'paired improvement (members\' differences, mean − 1·σ > 0)':
        lambda rows: improvement(rows, 1, lambda r, b: paired_lower(r, b, 1) if paired_lower(r, b, 1) > 0 else None),
    'paired improvement, mean − 2·σ > 0':
        lambda rows: improvement(rows, 1, lambda r, b: paired_lower(r, b, 2) if paired_lower(r, b, 2) > 0 else None),
    'improvement, costs at k = 2':
        lambda rows: improvement(rows, 2, lambda r, b: f(r, 'model.reward') if f(r, 'model.reward') > f(b, 'model.reward_mean') else None),
    'BC-Safe always': lambda rows: next(r for r in rows if int(r['step']) == -2),
}


def replay_with_baseline(seeds_csv, roots):
    with open(seeds_csv) as fh:
        measured = {(r['task'], float(r['kappa']), int(r['seed'])): r for r in csv.DictReader(fh) if r['algorithm'] == 'bc-safe'}
    all_runs = list(runs(roots))
    if not all_runs:
        sys.exit('no audited run found under ' + ', '.join(roots))

    def outcome(task, kappa, seed, rmin, rmax, r):
        if int(r['step']) == -2:
            b = measured[(task, float(kappa), int(seed))]
            return float(b['normalized_reward']), float(b['normalized_cost'])
        return (f(r, 'audit.reward') - rmin) / (rmax - rmin), f(r, 'audit.cost')

    rules = dict(BASELINE_RULES)
    rules['oracle (the audit; BC-Safe as measured)'] = None
    tasks = sorted({t for t, *_ in all_runs})
    print('| rule | runs within the budget | mean normalized reward | ' + ' | '.join(t.replace('Offline', '').replace('Gymnasium-v1', '') for t in tasks)
          + ' | BC-Safe kept | as the run kept |')
    print('|---|---|---|' + '---|' * (len(tasks) + 2))
    for name, rule in rules.items():
        got, per_task, kept_base, as_run = [], {t: [] for t in tasks}, 0, 0
        for task, kappa, seed, rmin, rmax, rows in all_runs:
            if rule is None:
                scored = [(outcome(task, kappa, seed, rmin, rmax, r), r) for r in rows]
                safe = [x for x in scored if x[0][1] <= 1]
                (o, r) = max(safe, key=lambda x: x[0][0]) if safe else min(scored, key=lambda x: x[0][1])
            else:
                r = rule(rows)
                o = outcome(task, kappa, seed, rmin, rmax, r)
            kept_base += int(r['step']) == -2
            as_run += r['kept'] == '1'
            got.append(o)
            per_task[task].append(o)
        cell = lambda g: f'{sum(c <= 1 for _, c in g)} / {len(g)}, {statistics.mean(x for x, _ in g):.3f}'
        print(f'| {name} | {sum(c <= 1 for _, c in got)} / {len(got)} | {statistics.mean(x for x, _ in got):.3f} | '
              + ' | '.join(cell(per_task[t]) for t in tasks) + f' | {kept_base} / {len(got)} | {as_run} / {len(got)} |')


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == '--baseline':
        if len(sys.argv) < 4:
            sys.exit(__doc__)
        replay_with_baseline(sys.argv[2], sys.argv[3:])
        return
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
