#!/usr/bin/env python3
"""The training steps of bench/run written as a straightforward PyTorch eager program.

A yardstick, not part of drcorl: `bench/run --vs-torch` runs it with the same shapes and thread
count as its own rows and prints the two side by side. Each step is what a researcher would write
with torch.nn and torch.optim (nn.Linear layers, Adam/AdamW, Polyak averaging tensor by tensor),
following the same mathematics as drcorl's step of the same name:

  stage1   noise-prediction step of the paper's behaviour model (H 256, 3 residual blocks of
           LayerNorm / Linear(H, 4H) / Mish / Linear(4H, H), dropout 0.1, Fourier time embedding), AdamW
  stage2   one IQL update of the reward and the cost critic (twin Q heads and V, H 256, Polyak targets)
  phase1   stage-3 phase 1: the diffusion regularizer alone (epsilon of the frozen behaviour model)
  phase2   stage-3 phase 2 as the paper preset runs it: regularizer + beta-weighted critic term
           (one policy backward), then TD fine-tuning of both critics on pi(s')
  fqe      one update of the offline evaluation ensemble (4 cost + 2 reward members, H 128),
           stacked weights [M, in, out], Bayesian-bootstrap weights, Polyak targets

Minibatches are drawn from random tensors of the dataset's shapes (obs, act), as drcorl draws them
from its dataset. Output: one JSON object per line, {"step", "batch", "ms"} (median of --reps timed
repetitions of about a second each, after a warm-up).

Usage: steps.py --threads 1 --obs 8 --act 2 --reps 3 [--only stage1,fqe]
"""
import argparse
import json
import math
import os
import statistics
import sys
import time


def _threads():
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if a.startswith("--threads="):
            return a.split("=", 1)[1]
    return "1"


# torch.set_num_threads does not reach the BLAS Debian's torch calls (libblas.so.3, usually
# OpenBLAS): its threads are fixed when the library loads, so they are set before the import.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = _threads()

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

BETA0, BETA1 = 0.1, 20.0  # the VP-SDE of DRCORL


def log_alpha(t):
    return -0.25 * t * t * (BETA1 - BETA0) - 0.5 * t * BETA0


def alpha_sigma(t):
    la = log_alpha(t)
    return torch.exp(la), torch.sqrt(1 - torch.exp(2 * la))


class ScoreNet(nn.Module):
    def __init__(self, obs, act, hidden=256, blocks=3, dropout=0.1):
        super().__init__()
        self.register_buffer("freq", torch.randn(1, 32) * 30)
        self.time = nn.Sequential(nn.Linear(64, 128), nn.Mish(), nn.Linear(128, 128))
        self.inp = nn.Linear(act + obs + 128, hidden)
        self.blocks = nn.ModuleList(nn.Sequential(nn.Dropout(dropout), nn.LayerNorm(hidden), nn.Linear(hidden, 4 * hidden),
                                                  nn.Mish(), nn.Linear(4 * hidden, hidden)) for _ in range(blocks))
        self.out = nn.Sequential(nn.Mish(), nn.Linear(hidden, act))

    def forward(self, a, t, s):
        ang = t @ self.freq * (2 * math.pi)
        x = self.inp(torch.cat([a, s, self.time(torch.cat([ang.sin(), ang.cos()], -1))], -1))
        for b in self.blocks:
            x = x + b(x)
        return self.out(x)


def mlp(inp, hidden, out, tanh=False):
    layers = [nn.Linear(inp, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, out)]
    if tanh:
        layers.append(nn.Tanh())
    return nn.Sequential(*layers)


def polyak(net, target, tau):
    with torch.no_grad():
        for p, tp in zip(net.parameters(), target.parameters()):
            tp.mul_(1 - tau).add_(p, alpha=tau)


class IqlCritic:
    def __init__(self, obs, act, hidden=256, aggregate=torch.min, gamma=0.99, expectile=0.7, tau=0.005, lr=3e-4):
        self.q1, self.q2 = mlp(obs + act, hidden, 1), mlp(obs + act, hidden, 1)
        self.t1, self.t2 = mlp(obs + act, hidden, 1), mlp(obs + act, hidden, 1)
        self.t1.load_state_dict(self.q1.state_dict())
        self.t2.load_state_dict(self.q2.state_dict())
        for p in list(self.t1.parameters()) + list(self.t2.parameters()):
            p.requires_grad_(False)
        self.v = mlp(obs, hidden, 1)
        self.q_opt = torch.optim.Adam(list(self.q1.parameters()) + list(self.q2.parameters()), lr=lr)
        self.v_opt = torch.optim.Adam(self.v.parameters(), lr=lr)
        self.aggregate, self.gamma, self.expectile, self.tau = aggregate, gamma, expectile, tau

    def target_agg(self, s, a):
        x = torch.cat([a, s], -1)
        return self.aggregate(self.t1(x), self.t2(x))

    def target_mean(self, s, a):
        x = torch.cat([a, s], -1)
        return (self.t1(x) + self.t2(x)) / 2

    def regress_q(self, s, a, y):
        x = torch.cat([a, s], -1)
        loss = F.mse_loss(self.q1(x), y) + F.mse_loss(self.q2(x), y)
        self.q_opt.zero_grad(set_to_none=True)
        loss.backward()
        self.q_opt.step()
        polyak(self.q1, self.t1, self.tau)
        polyak(self.q2, self.t2, self.tau)

    def iql_update(self, s, a, signal, s2, not_done):
        with torch.no_grad():
            target = self.target_agg(s, a)
        u = target - self.v(s)
        weight = torch.abs(self.expectile - (u < 0).float())
        v_loss = (weight * u.square()).mean()
        self.v_opt.zero_grad(set_to_none=True)
        v_loss.backward()
        self.v_opt.step()
        with torch.no_grad():
            y = signal + not_done * self.gamma * self.v(s2)
        self.regress_q(s, a, y)

    def td_update(self, s, a, signal, s2, not_done, a2):
        with torch.no_grad():
            y = signal + not_done * self.gamma * self.target_agg(s2, a2)
        self.regress_q(s, a, y)


class Ensemble(nn.Module):
    """M small Q networks as stacked weights [M, in, out]: one batched product per layer."""

    def __init__(self, members, inp, hidden):
        super().__init__()
        sizes = [inp, hidden, hidden, 1]
        self.w = nn.ParameterList()
        self.b = nn.ParameterList()
        for i, o in zip(sizes[:-1], sizes[1:]):
            bound = 1 / math.sqrt(i)
            self.w.append(nn.Parameter(torch.empty(members, i, o).uniform_(-bound, bound)))
            self.b.append(nn.Parameter(torch.empty(members, 1, o).uniform_(-bound, bound)))

    def forward(self, s, a):
        h = torch.cat([a, s], -1)
        for k, (w, b) in enumerate(zip(self.w, self.b)):
            h = h @ w + b
            if k + 1 < len(self.w):
                h = torch.relu(h)
        return h.squeeze(-1)  # (M, B)


class Data:
    def __init__(self, obs, act, rows=100_000):
        g = torch.Generator().manual_seed(0)
        self.s = torch.randn(rows, obs, generator=g)
        self.a = torch.rand(rows, act, generator=g) * 2 - 1
        self.r = torch.rand(rows, 1, generator=g)
        self.c = (torch.rand(rows, 1, generator=g) < 0.1).float()
        self.s2 = torch.randn(rows, obs, generator=g)
        self.nd = torch.ones(rows, 1)

    def batch(self, n):
        i = torch.randint(0, self.s.shape[0], (n,))
        return self.s[i], self.a[i], self.r[i], self.c[i], self.s2[i], self.nd[i]


def timed(step, reps):
    for _ in range(5):
        step()
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < 0.3:
        step()
        calls += 1
    calls = max(1, int(calls / (time.perf_counter() - start)))  # about a second per repetition
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(calls):
            step()
        samples.append((time.perf_counter() - t0) / calls)
    return statistics.median(samples)


def stage1(data, obs, act, batch):
    net = ScoreNet(obs, act)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-4, weight_decay=0.01)

    def step():
        s, a, *_ = data.batch(batch)
        t = torch.rand(batch, 1) * (1 - 1e-3) + 1e-3
        z = torch.randn(batch, act)
        al, sg = alpha_sigma(t)
        loss = (net(a * al + z * sg, t, s) - z).square().sum(1).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return step


def stage2(data, obs, act, batch):
    reward, cost = IqlCritic(obs, act, aggregate=torch.min), IqlCritic(obs, act, aggregate=torch.max)

    def step():
        s, a, r, c, s2, nd = data.batch(batch)
        reward.iql_update(s, a, r, s2, nd)
        cost.iql_update(s, a, c, s2, nd)
    return step


def regularizer(model, s, pi, act, t_min=0.02, t_max=0.98):
    t = torch.rand(pi.shape[0], 1) * (t_max - t_min) + t_min
    z = torch.randn_like(pi)
    al, sg = alpha_sigma(t)
    with torch.no_grad():
        eps = model(pi.detach() * al + sg * z, t, s)
    return ((eps * pi).sum(1, keepdim=True) * sg.square()).mean()


def phase(data, obs, act, batch, second):
    model = ScoreNet(obs, act).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    policy = mlp(obs, 256, act, tanh=True)
    opt = torch.optim.Adam(policy.parameters(), lr=3e-4)
    reward, cost = IqlCritic(obs, act, aggregate=torch.min), IqlCritic(obs, act, aggregate=torch.max)
    beta = 0.01

    def step():
        s, a, r, c, s2, nd = data.batch(batch)
        pi = policy(s)
        loss = regularizer(model, s, pi, act)
        if second:
            with torch.no_grad():
                cost.target_mean(s, pi).mean().item()  # the estimate Ĉ the slack handler reads (a sync, as in drcorl)
            # random critics put the step in the reward zone, as drcorl's benchmark measures it
            loss = loss - beta * reward.target_mean(s, pi).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if second:
            with torch.no_grad():
                a2 = policy(s2)
            reward.td_update(s, a, r, s2, nd, a2)
            cost.td_update(s, a, c, s2, nd, a2)
    return step


def fqe(data, obs, act, batch, cost_members=4, reward_members=2, hidden=128, gamma=0.995, tau=0.1):
    m = cost_members + reward_members
    policy = mlp(obs, 128, act, tanh=True)
    online, target = Ensemble(m, obs + act, hidden), Ensemble(m, obs + act, hidden)
    target.load_state_dict(online.state_dict())
    for p in target.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(online.parameters(), lr=1e-3)
    mean, scale = data.s.mean(0), data.s.std(0)

    def step():
        s, a, r, c, s2, nd = data.batch(batch)
        s, s2 = (s - mean) / scale, (s2 - mean) / scale
        with torch.no_grad():
            a2 = policy(s2)
            signal = torch.cat([c.T.expand(cost_members, -1), r.T.expand(reward_members, -1)])
            y = signal + nd.T * gamma * target(s2, a2)
            w = torch.empty(m, batch).exponential_()
        loss = (w * (online(s, a) - y).square()).mean(1).sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        polyak(online, target, tau)
    return step


def blas_library():
    """The BLAS this process loaded (Debian's torch calls libblas.so.3, which the alternatives system points
    at OpenBLAS, BLIS or the slow reference BLAS): its path, read from the process's memory map."""
    torch.ones(2, 2) @ torch.ones(2, 2)
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1].rsplit("/", 1)[-1] for line in maps
                     if ("blas" in line.lower() or "mkl" in line.lower()) and "lapack" not in line.lower()}
        # the implementation's own library names it best (libopenblasp-r0.3.21.so rather than libblas.so.3)
        specific = sorted(n for n in names if n != "libblas.so.3")
        return ", ".join(specific or sorted(names)) or "built into torch"
    except OSError:
        return "unknown"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--obs", type=int, default=8)
    p.add_argument("--act", type=int, default=2)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--only", default="stage1,stage2,phase1,phase2,fqe")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    data = Data(args.obs, args.act)
    blas = blas_library()
    plan = {"stage1": [("stage1", 256, lambda: stage1(data, args.obs, args.act, 256)),
                       ("stage1", 2048, lambda: stage1(data, args.obs, args.act, 2048))],
            "stage2": [("stage2", 256, lambda: stage2(data, args.obs, args.act, 256))],
            "phase1": [("phase1", 256, lambda: phase(data, args.obs, args.act, 256, False))],
            "phase2": [("phase2", 256, lambda: phase(data, args.obs, args.act, 256, True))],
            "fqe": [("fqe", 256, lambda: fqe(data, args.obs, args.act, 256))]}
    for name in args.only.split(","):
        if name not in plan:
            sys.exit(f"steps.py: unknown step '{name}' (known: {', '.join(plan)})")
        for label, batch, make in plan[name]:
            ms = timed(make(), args.reps) * 1e3
            print(json.dumps({"step": label, "batch": batch, "ms": round(ms, 4), "threads": args.threads,
                              "torch": torch.__version__, "blas": blas}), flush=True)


if __name__ == "__main__":
    main()
