#!/usr/bin/env python3
"""Averaged snapshots replayed on audited runs (docs/results/offline-matrix.md, "Averaged snapshots").

The runs were made at commit 209ef8a with averaged-snapshots-prototype.patch applied and DRCORL_AVG=1 in
the environment, and `--audit-episodes 20`: every phase-2 snapshot is then offered twice to the selection,
as the policy after its last step (the log's step) and as the mean of the weights over its block of steps
(the log's step + 100000), and the audit measures both. The learned model judges a policy by its weights
alone, so the selection that would have been made with only one kind of snapshot can be replayed from the
log. For each rule this replays the selection of the preset (keep BC-Safe, step -2, unless a policy's cost
bound is at most 1, its pessimistic reward above BC-Safe's mean reward and its deviation at most 5; of those,
the highest pessimistic reward) and reports what the audit measured of the pick (20 episodes), or, where
BC-Safe is kept, what its 50 evaluation episodes measured (the bc-safe row of SEEDS_CSV).

    docs/results/averaged-replay.py SEEDS_CSV[,SEEDS_CSV...] RUNS_DIR [RUNS_DIR ...]

It also checks that the replay of the preset's rule ("last step") keeps what the matrix's DRCORL run kept
(SEEDS_CSV's drcorl rows), i.e. that the patched runs trained the matrix's snapshots. A documentation aid
(standard library only), not part of drcorl.
"""
import csv
import glob
import json
import os
import re
import statistics
import sys

AVERAGED = 100000
SUPPORT = 5.0
RULES = {
    'last step (the preset)': lambda step: step < AVERAGED,
    'averaged (selection.averaged-snapshots=true)': lambda step: step < 0 or step >= AVERAGED,
    'both offered': lambda step: True,
}


def f(row, key):
    return float(row[key])


def keep(rows, offered):
    base = next(r for r in rows if int(r['step']) == -2)
    best = base
    for r in rows:
        step = int(r['step'])
        if step < -1 or not offered(step):
            continue
        if f(r, 'model.cost') > 1 or f(r, 'deviation') > SUPPORT or f(r, 'model.reward') <= f(base, 'model.reward_mean'):
            continue
        if best is base or f(r, 'model.reward') > f(best, 'model.reward'):
            best = r
    return best


def main(seeds_csvs, roots):
    measured = {}
    for name in seeds_csvs.split(','):
        with open(name) as fh:
            for r in csv.DictReader(fh):
                measured[(r['task'], float(r['kappa']), int(r['seed']), r['algorithm'])] = r
    picks = {name: [] for name in RULES}
    agree = total = 0
    for root in roots:
        for config in sorted(glob.glob(os.path.join(root, '**', 'config.json'), recursive=True)):
            run = os.path.dirname(config)
            with open(config) as fh:
                c = json.load(fh)
            norm = c['resolved']['normalization']
            for log in sorted(glob.glob(os.path.join(run, 'logs', 'drcorl', 'kappa-*', 'seed-*-selection.csv'))):
                kappa = float(re.search(r'kappa-([0-9.]+)', log).group(1))
                seed = int(re.search(r'seed-(\d+)-selection', log).group(1))
                with open(log) as fh:
                    rows = list(csv.DictReader(fh))
                if 'audit.cost' not in rows[0]:
                    sys.exit(f'{log}: no audit columns (run with --audit-episodes N)')
                task = c['task']
                for name, offered in RULES.items():
                    r = keep(rows, offered)
                    step = int(r['step'])
                    if step == -2:
                        b = measured[(task, kappa, seed, 'bc-safe')]
                        outcome = (float(b['normalized_reward']), float(b['normalized_cost']))
                    else:
                        outcome = ((f(r, 'audit.reward') - norm['reward-min']) / (norm['reward-max'] - norm['reward-min']),
                                   f(r, 'audit.cost'))
                    picks[name].append((task, kappa, seed, step, outcome))
                    if name.startswith('last step'):
                        run_kept = measured.get((task, kappa, seed, 'drcorl'))
                        if run_kept is not None:
                            total += 1
                            agree += int(run_kept['kept_step']) == step
    if not total:
        sys.exit('no audited run found under ' + ', '.join(roots))
    print(f'The last-step replay keeps what the matrix kept in {agree} of {total} runs.\n')
    tasks = sorted({p[0] for p in picks[next(iter(RULES))]})
    short = [t.replace('Offline', '').replace('Gymnasium-v1', '').replace('-v0', '') for t in tasks]
    print('| snapshots offered | runs within the budget | mean normalized reward | BC-Safe kept | ' + ' | '.join(short) + ' |')
    print('|---|---|---|---|' + '---|' * len(tasks))
    for name, got in picks.items():
        within = sum(1 for *_, o in got if o[1] <= 1)
        cells = []
        for t in tasks:
            mine = [o for task, *_, o in got if task == t]
            cells.append(f'{statistics.mean(o[0] for o in mine):.3f} ({sum(1 for o in mine if o[1] <= 1)}/{len(mine)})')
        print(f'| {name} | {within} / {len(got)} | {statistics.mean(o[0] for *_, o in got):.3f} | '
              f'{sum(1 for p in got if p[3] == -2)} | ' + ' | '.join(cells) + ' |')
    print('\nPer cell (task × κ, the mean over its seeds; safe: mean cost ≤ 1; BC-Safe: its 50-episode mean):\n')
    print('| snapshots offered | cells | safe cells | reward ≥ BC-Safe | both | mean reward | BC-Safe mean reward |')
    print('|---|---|---|---|---|---|---|')
    for name, got in picks.items():
        cells = sorted({(p[0], p[1]) for p in got})
        safe = better = both = 0
        rewards, base_rewards = [], []
        for t, k in cells:
            mine = [p for p in got if (p[0], p[1]) == (t, k)]
            reward = statistics.mean(p[4][0] for p in mine)
            cost = statistics.mean(p[4][1] for p in mine)
            base = statistics.mean(float(measured[(t, k, p[2], 'bc-safe')]['normalized_reward']) for p in mine)
            safe += cost <= 1
            better += reward >= base - 1e-12
            both += cost <= 1 and reward >= base - 1e-12
            rewards.append(reward)
            base_rewards.append(base)
        print(f'| {name} | {len(cells)} | {safe} | {better} | {both} | {statistics.mean(rewards):.3f} | {statistics.mean(base_rewards):.3f} |')
    print('\nPer run where the rules differ (reward @ cost; step kept, +100000 averaged, -2 BC-Safe):\n')
    names = list(RULES)
    print('| task | κ | seed | ' + ' | '.join(names) + ' |')
    print('|---|---|---|' + '---|' * len(names))
    for i, (task, kappa, seed, *_) in enumerate(picks[names[0]]):
        row = [picks[n][i] for n in names]
        if len({r[3] for r in row}) > 1:
            print(f'| {task.replace("Offline", "")} | {kappa:g} | {seed} | '
                  + ' | '.join(f'{r[4][0]:.3f} @ {r[4][1]:.2f} ({r[3]})' for r in row) + ' |')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
