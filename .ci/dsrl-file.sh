#!/usr/bin/env bash
# DSRL's workflow end to end, on a file as DSRL publishes it: written by h5py with only DSRL's seven
# columns (numpy booleans, no attributes) and named as DSRL names its downloads. `run` must take the
# task from the name, score with DSRL's constants and say so; a copy with the car's old heading
# convention must draw a warning. Needs python3-h5py (a test aid; drcorl itself never runs Python).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=runs/ci-dsrl-file
rm -rf "$dir" && mkdir -p "$dir"
DRCORL_SKIP_BUILD=1 ./drcorl collect --task OfflineCarCircle-v0 --episodes 20 --seed 1 --out "$dir/ours.hdf5" >/dev/null
/usr/bin/python3 - "$dir" <<'PY'
import sys, h5py
d = sys.argv[1]
with h5py.File(f"{d}/ours.hdf5", "r") as src:
    cols = {k: src[k][:] for k in ["observations", "next_observations", "actions", "rewards", "costs", "terminals", "timeouts"]}
for k in ("terminals", "timeouts"):
    cols[k] = cols[k].astype(bool)
with h5py.File(f"{d}/SafetyCarCircle-v0-100-1450.hdf5", "w") as f:
    for k, v in cols.items():
        f.create_dataset(k, data=v, compression="gzip")
old = dict(cols)
for k in ("observations", "next_observations"):
    old[k] = cols[k].copy()
    old[k][:, 4:6] *= -1           # the heading of travel, as drcorl's car had it before 2026-12-04
old["actions"] = -cols["actions"]
with h5py.File(f"{d}/SafetyCarCircle-v0-old.hdf5", "w") as f:
    for k, v in old.items():
        f.create_dataset(k, data=v)
PY
fail() { echo "ci: DSRL file workflow: $*" >&2; exit 1; }
info=$(DRCORL_SKIP_BUILD=1 ./drcorl dataset info "$dir/SafetyCarCircle-v0-100-1450.hdf5")
grep -q "OfflineCarCircle-v0 (from the file's name)" <<<"$info" || fail "dataset info did not take the task from the name: $info"
grep -q "(DSRL's for OfflineCarCircle-v0)" <<<"$info" || fail "dataset info did not use DSRL's constants: $info"
grep -q "warning" <<<"$info" && fail "a file of the task's conventions drew a warning: $info"
old=$(DRCORL_SKIP_BUILD=1 ./drcorl dataset validate "$dir/SafetyCarCircle-v0-old.hdf5")
grep -q "warning: the data do not follow OfflineCarCircle-v0's conventions" <<<"$old" || fail "no warning for the old convention: $old"
DRCORL_SKIP_BUILD=1 ./drcorl run --dataset "$dir/SafetyCarCircle-v0-100-1450.hdf5" --preset smoke --algos bc-all \
    --thresholds 20 --out "$dir/run" --fresh --quiet 2> "$dir/run.err" >/dev/null || { cat "$dir/run.err" >&2; fail "run failed"; }
grep -q "normalized with DSRL's constants for OfflineCarCircle-v0" "$dir/run.err" || fail "run did not say which constants: $(cat "$dir/run.err")"
/usr/bin/python3 - "$dir/run/config.json" <<'PY' || fail "config.json does not record the task and constants"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["task"] == "OfflineCarCircle-v0", c["task"]
n = c["resolved"]["normalization"]
assert n["source"] == "DSRL's constants for OfflineCarCircle-v0" and n["reward-max"] == 534.306, n
PY
[ -s "$dir/run/results/scores.csv" ] || fail "no scores written"
echo "ci: DSRL file workflow ok (task from the name, DSRL's constants, old conventions warned about)"
