#!/usr/bin/env python3
"""Reruns the shipped sweeps and writes every number that README.md and experiments/README.md quote.

Usage: python3 experiments/findings.py [--repsim PATH] [--out DIR] [--jobs N]
                                       [--replications N] [--write | --check]

For each shipped sweep (SWEEPS below) it runs `repsim sweep` into OUT/<name> (default
out/findings), reads its summary.csv and results.csv, and computes the findings: named numbers, each
a mean with its 95% CI half-width over the replications (or a paired difference over them). Then:
- OUT/findings.json: every number, by name, with its unit and what it is summed over;
- OUT/findings.md: the blocks that the documents quote;
- --write: puts the blocks between their markers in README.md and experiments/README.md
  (`<!-- findings:NAME -->` ... `<!-- /findings:NAME -->`), and redraws their figures in docs/img
  with experiments/plot.py (FIGURES below; needs pandas and matplotlib);
- --check: exit 1 when a document's block differs from the fresh one (the model changed and the
  documents were not refreshed: run with --write).

Every finding also states a claim about the model (a shared pool's customer is cut off longer than
its dedicated twin, ...). A claim that no longer holds stops the script (exit 1) naming it: the
prose must be rewritten, not only its numbers.

--replications N runs each sweep with N replications instead of the spec's (CI's reduced run, which
checks that every number is produced). Its numbers are not the documents', so it refuses --write and
--check, and it does not judge the claims (a claim about means needs the spec's replications).
"""
import argparse
import csv
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "experiments" / "README.md", ROOT / "docs" / "reputation.md"]

# name -> spec (relative to the repository)
SWEEPS = {
    "shared_vs_dedicated": "experiments/shared_vs_dedicated.json",
    "operator_delay": "experiments/operator_delay.json",
}


class Sweep:
    """One finished sweep: summary rows by variant, result rows by (variant, replication)."""

    def __init__(self, directory):
        with open(directory / "summary.csv", newline="", encoding="utf-8") as f:
            self.summary = {int(r["variant"]): r for r in csv.DictReader(f)}
        with open(directory / "results.csv", newline="", encoding="utf-8") as f:
            self.results = list(csv.DictReader(f))

    def value(self, variant, metric, stat="mean"):
        cell = self.summary[variant][f"{metric}_{stat}"]
        return float(cell) if cell != "" else math.nan

    def runs(self, variant, metric):
        """The metric of each replication of a variant, in replication order."""
        rows = sorted((r for r in self.results if int(r["variant"]) == variant), key=lambda r: int(r["replication"]))
        return [float(r[metric]) if r[metric] != "" else math.nan for r in rows]

    def variants_where(self, column, value):
        return [v for v, r in sorted(self.summary.items()) if r[column] == str(value)]


def t975(df):
    """Student's t quantile at 0.975 (the sweep's summary.csv uses the same, from Boost.Math)."""
    table = {1: 12.706204736174705, 2: 4.302652729749464, 3: 3.182446305284263, 4: 2.7764451051977934,
             5: 2.5705818356363146, 6: 2.4469118511449692, 7: 2.3646242515927844, 8: 2.3060041352041662,
             9: 2.2621571628540993, 10: 2.2281388519862744, 19: 2.0930240544083096, 29: 2.0452296421327034}
    if df not in table:
        raise SystemExit(f"findings: no t quantile for {df} degrees of freedom; add it to t975")
    return table[df]


class Number:
    """A finding's number: a mean with its CI half-width (ci is None for an exact count)."""

    def __init__(self, mean, ci, unit, what):
        self.mean, self.ci, self.unit, self.what = mean, ci, unit, what

    def text(self, digits=1):
        unit = f" {self.unit}" if self.unit in ("h", "pair-hours") else ""
        if self.unit == "runs":
            return str(round(self.mean))
        if self.ci is None or math.isnan(self.ci):
            return f"{self.mean:.{digits}f}{unit}"
        return f"{self.mean:.{digits}f} ± {self.ci:.{digits}f}{unit}"

    def json(self):
        return {"mean": self.mean, "ci95": self.ci, "unit": self.unit, "what": self.what}


def mean_of(sweep, variant, metric, unit, what):
    return Number(sweep.value(variant, metric), sweep.value(variant, metric, "ci95"), unit, what)


def paired_difference(sweep, variant_a, metric_a, variant_b, metric_b, unit, what):
    """Mean and CI of a - b over replications paired by seed (common random numbers)."""
    a, b = sweep.runs(variant_a, metric_a), sweep.runs(variant_b, metric_b)
    d = [x - y for x, y in zip(a, b)]
    n = len(d)
    mean = sum(d) / n
    if n < 2:
        return Number(mean, math.nan, unit, what), d
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    return Number(mean, t975(n - 1) * sd / math.sqrt(n), unit, what), d


def clear_of_zero(n):
    return not math.isnan(n.ci) and abs(n.mean) > n.ci


# --- the findings -------------------------------------------------------------------------------------


def shared_vs_dedicated(s):
    """Numbers of experiments/shared_vs_dedicated.json (a one-factor-at-a-time zip: variant 0 is base)."""
    size, count = "/providers/0/pools/0/size", "/tenants/2/count"
    prob, volume = "/tenants/2/compromise_probability", "/tenants/0/messages_per_day"

    def at(column, value):
        (v,) = s.variants_where(column, value)  # one factor at a time: each non-base value once
        return v

    n = {}
    h_shared = "hours the shared customer's legit mail was cut off at the Good-only receiver"
    h_dedicated = "hours the dedicated customer's legit mail was cut off at the Good-only receiver"
    n["base_shared_outage"] = mean_of(s, 0, "shared_outage_pair_hours", "h", h_shared)
    n["base_dedicated_outage"] = mean_of(s, 0, "dedicated_outage_pair_hours", "h", h_dedicated)
    n["base_shared_queued"] = mean_of(s, 0, "shared_queued_at_end", "messages", "shared customer's mail queued at the end")
    n["base_shared_sent"] = mean_of(s, 0, "shared_sent", "messages", "shared customer's messages sent")
    n["base_shared_blocked"] = mean_of(s, 0, "shared_legit_lost", "messages", "shared customer's legit mail lost (rejected or expired)")
    n["base_dedicated_blocked"] = mean_of(s, 0, "dedicated_legit_lost", "messages",
                                          "dedicated customer's legit mail lost (rejected or expired)")
    n["base_dedicated_queued"] = mean_of(s, 0, "dedicated_queued_at_end", "messages",
                                         "dedicated customer's mail queued at the end")
    for p in ("0.01", "0.05", "0.2", "0.4"):
        v = at(prob, p)
        n[f"p{p}_shared_outage"] = mean_of(s, v, "shared_outage_pair_hours", "h", h_shared + f", compromise probability {p}")
        n[f"p{p}_shared_blocked"] = mean_of(s, v, "shared_legit_lost", "messages",
                                            f"shared customer's legit mail lost (rejected or expired), compromise probability {p}")
    for c in ("5", "10", "40"):
        n[f"cotenants{c}_shared_outage"] = mean_of(s, at(count, c), "shared_outage_pair_hours", "h",
                                                   h_shared + f", {c} co-tenants")
    pool_outages = [s.value(v, "shared_outage_pair_hours") for v in [0] + [at(size, k) for k in ("1", "2", "8", "16")]]
    n["pool_outage_min"] = Number(min(pool_outages), None, "h", h_shared + ", lowest mean over pools of 1..16 IPs")
    n["pool_outage_max"] = Number(max(pool_outages), None, "h", h_shared + ", highest mean over pools of 1..16 IPs")
    for m in ("25", "50", "100", "400"):
        v = at(volume, m)
        n[f"mpd{m}_dedicated_outage"] = mean_of(s, v, "dedicated_outage_pair_hours", "h", h_dedicated + f", {m} a day")
        n[f"mpd{m}_shared_outage"] = mean_of(s, v, "shared_outage_pair_hours", "h", h_shared + f", {m} a day")
    n["base_dedicated_minus_shared"], d = paired_difference(
        s, 0, "dedicated_outage_pair_hours", 0, "shared_outage_pair_hours", "h",
        "dedicated minus shared outage hours, paired by replication, at the base point")
    n["base_dedicated_worse_runs"] = Number(sum(1 for x in d if x > 0), None, "runs",
                                            "replications at the base point where the dedicated customer's outage is longer")
    n["base_runs"] = Number(len(d), None, "runs", "replications per variant")

    claims = [
        ("the shared customer is cut off longer than its dedicated twin at p = 0.4",
         n["p0.4_shared_outage"].mean > n["base_dedicated_outage"].mean),
        ("more compromise probability, longer shared outage (0.01 < 0.05 < 0.1 < 0.4)",
         n["p0.01_shared_outage"].mean < n["p0.05_shared_outage"].mean < n["base_shared_outage"].mean
         < n["p0.4_shared_outage"].mean),
        ("more co-tenants, longer shared outage (5 < 20 < 40)",
         n["cotenants5_shared_outage"].mean < n["base_shared_outage"].mean < n["cotenants40_shared_outage"].mean),
        ("pool size changes the shared outage by less than the base point's CI",
         n["pool_outage_max"].mean - n["pool_outage_min"].mean < n["base_shared_outage"].ci),
        ("the dedicated IP's outage falls with volume from 100 to 400 a day",
         n["mpd400_dedicated_outage"].mean < n["mpd100_dedicated_outage"].mean),
        ("at 25 and 100 a day the dedicated customer is cut off longer than the shared one",
         n["mpd25_dedicated_outage"].mean > n["mpd25_shared_outage"].mean
         and n["mpd100_dedicated_outage"].mean > n["mpd100_shared_outage"].mean),
        ("at 200 a day the dedicated customer is cut off less than the shared one, clear of zero (paired)",
         n["base_dedicated_minus_shared"].mean < 0 and clear_of_zero(n["base_dedicated_minus_shared"])),
    ]
    return n, claims


def operator_delay(s):
    """Numbers of experiments/operator_delay.json (policy x the prime admins' trigger)."""
    policy, after = "/gateways/0/policy", "/operators/0/playbooks/0/when/after"

    def at(p, a):
        (v,) = [v for v in s.variants_where(policy, p) if s.summary[v][after] == a]
        return v

    n = {}
    triggers = ("2h", "12h", "24h", "48h", "96h")
    h = "pair-hours the contractor's legit mail was cut off, summed over its two receivers"
    for p in ("good_only", "neutral_ok", "graded", "cisco_default"):
        worst = max((s.value(at(p, a), "contractor_outage_pair_hours"), a) for a in triggers)
        n[f"{p}_worst_outage"] = mean_of(s, at(p, worst[1]), "contractor_outage_pair_hours", "pair-hours",
                                         h + f", {p}, the longest over the admins' triggers")
    for a in triggers:
        n[f"good_only_{a}_prime"] = mean_of(s, at("good_only", a), "prime_outage_pair_hours", "h",
                                            f"hours cut off at the prime contractor, Good only, trigger {a}")
        n[f"good_only_{a}_total"] = mean_of(s, at("good_only", a), "contractor_outage_pair_hours", "pair-hours",
                                            h + f", trigger {a}")
    n["good_only_va"] = mean_of(s, at("good_only", "2h"), "va_outage_pair_hours", "h",
                                "hours cut off at the VA, Good only (its admins never act)")
    n["good_only_blocked"] = mean_of(s, at("good_only", "96h"), "contractor_legit_lost", "messages",
                                     "the contractor's legit mail lost (rejected or expired), Good only, trigger 96h")
    n["runs"] = Number(len(s.runs(0, "contractor_outage_pair_hours")), None, "runs", "replications per variant")
    claims = [
        ("accepting Neutral removes the contractor's outage whatever the admins do",
         n["neutral_ok_worst_outage"].mean < 1.0),
        ("under Good only, a later trigger means a longer outage at the prime",
         all(n[f"good_only_{a}_prime"].mean < n[f"good_only_{b}_prime"].mean for a, b in zip(triggers, triggers[1:]))),
        ("under Good only, the VA alone costs more than the prime with a 2 h trigger",
         n["good_only_va"].mean > n["good_only_2h_prime"].mean),
    ]
    return n, claims


def dedicated_vs_shared_run(events):
    """Numbers of one run of scenarios/dedicated_vs_shared.json, from its events.csv: when the IP of
    the dedicated design's compromised tenant, and the shared pool, are Good again."""
    burst = next(r for r in events if r["kind"] == "compromise" and r["tenant"].startswith("dedicated-"))
    start = int(burst["time_s"])

    def back_to_good(pool):
        # the first IP of the pool that leaves Good after the burst began, then its return to Good
        after = [r for r in events if r["kind"] == "band_change" and r["pool"] == pool and int(r["time_s"]) >= start]
        ip = next(r["ip"] for r in after if r["from"] == "Good")
        return next(int(r["time_s"]) for r in after if r["ip"] == ip and r["to"] == "Good")

    n = {"dedicated_ip_recovery_days": Number((back_to_good("dedicated-co-pool") - start) / 86400, None, "days",
                                              "days from the burst's start until the compromised tenant's "
                                              "dedicated IP is Good again")}
    claims = [("the compromised dedicated IP takes more than a week to be Good again",
               n["dedicated_ip_recovery_days"].mean > 7)]
    return n, claims


# --- the blocks the documents quote ----------------------------------------------------------------------


def readme_block(n):
    t = {k: v.text() for k, v in n.items()}
    return f"""- **On a shared pool, your outage is your neighbours' risk:** with 20 co-tenants each compromised with
  probability 0.1, a well-behaved customer is cut off from a Good-only receiver for
  {t['svd.base_shared_outage']} of a 144 h run ({t['svd.base_shared_queued']} of its {t['svd.base_shared_sent']}
  messages still queued at the end); at probability 0.4 it is {t['svd.p0.4_shared_outage']} with
  {t['svd.p0.4_shared_blocked']} messages bounced; with 5 co-tenants {t['svd.cotenants5_shared_outage']}.
- **A bigger pool does not dilute a neighbour's burst:** pools of 1 to 16 IPs give
  {t['svd.pool_outage_min']} to {t['svd.pool_outage_max']} (means); every IP of the pool carries the spam.
- **A dedicated IP must earn Good with delivered volume:** a twin on a new dedicated IP sending 25
  or 100 messages a day is cut off longer than the shared customer ({t['svd.mpd25_dedicated_outage']}
  against {t['svd.mpd25_shared_outage']} at 25 a day); at 200 a day it is cut off
  {t['svd.base_dedicated_outage']}, a paired difference of {t['svd.base_dedicated_minus_shared']} from the
  shared customer, and at 400 a day {t['svd.mpd400_dedicated_outage']}.
- **Receiving policy dominates operator speed:** in the six-day outage, accepting Neutral
  ({t['od.neutral_ok_worst_outage']} at worst), grading by score ({t['od.graded_worst_outage']}) or
  Cisco's default table ({t['od.cisco_default_worst_outage']}) removes or shrinks the contractor's
  outage; under Good only, each hour the prime's admins wait adds about an hour at that receiver
  ({t['od.good_only_2h_prime']} after a 2 h trigger, {t['od.good_only_96h_prime']} after 96 h, as in 2012),
  and the total stays at least {t['od.good_only_2h_total']} because the VA never acts.

(Means ± 95% CI half-widths over {t['svd.base_runs']} and {t['od.runs']} replications, written by
`experiments/findings.py`. They describe the model with its assumed volumes, not measurements of
the 2012 systems.)"""


def experiments_svd_block(n):
    t = {k: v.text() for k, v in n.items()}
    return f"""- **The shared customer's risk is its neighbours' risk.** At the base point it is cut off from the
  Good-only receiver for {t['svd.base_shared_outage']} of the 144 h run, and {t['svd.base_shared_queued']} of
  its {t['svd.base_shared_sent']} messages are still stuck at the end. The outage grows with the chance
  that *some* co-tenant is compromised, 1 - (1 - p)^n: with 20 co-tenants, p = 0.01 gives
  {t['svd.p0.01_shared_outage']}, 0.05 gives {t['svd.p0.05_shared_outage']}, 0.2 gives
  {t['svd.p0.2_shared_outage']}, 0.4 gives {t['svd.p0.4_shared_outage']} with {t['svd.p0.4_shared_blocked']}
  messages bounced; at p = 0.1, 5 co-tenants give {t['svd.cotenants5_shared_outage']}, 10 give
  {t['svd.cotenants10_shared_outage']}, 40 give {t['svd.cotenants40_shared_outage']}. The wide intervals at
  small n·p are the all-or-nothing of a burst (a replication has one or none), not noise of the model.
- **A bigger pool does not dilute the damage.** Pool sizes 1, 2, 4, 8 and 16 give means from
  {t['svd.pool_outage_min']} to {t['svd.pool_outage_max']}: the burst is spread over every IP of the pool, and
  with the saturating spam feature a few percent of spam costs an IP most of the penalty.
- **A dedicated IP must earn Good with delivered volume.** Its history starts empty, and only mail a
  receiver accepts counts as volume (`volume: "messages"`, [docs/reputation.md](../docs/reputation.md)),
  so the Good-only receiver's deferrals do not warm it up. The dedicated twin is cut off
  {t['svd.mpd25_dedicated_outage']} at 25 a day, {t['svd.mpd50_dedicated_outage']} at 50,
  {t['svd.mpd100_dedicated_outage']} at 100, {t['svd.base_dedicated_outage']} at 200 and
  {t['svd.mpd400_dedicated_outage']} at 400; {t['svd.base_dedicated_blocked']} of its messages bounce and
  {t['svd.base_dedicated_queued']} are stuck at the base point. Up to 100 a day it is cut off longer than
  the shared customer ({t['svd.mpd100_shared_outage']} for the shared one at 100 a day). Paired by
  replication, dedicated minus shared is {t['svd.base_dedicated_minus_shared']} at 200 a day (the
  dedicated customer is worse in {t['svd.base_dedicated_worse_runs']} of the {t['svd.base_runs']} paired
  replications). Shared for small senders, dedicated for senders with the volume to warm an IP,
  as the write-ups advise.
"""


def experiments_od_block(n):
    t = {k: v.text() for k, v in n.items()}
    return f"""- **Receiving policy dominates operator speed.** With Neutral accepted the
  contractor's outage is at most {t['od.neutral_ok_worst_outage']}, graded acceptance at most
  {t['od.graded_worst_outage']}, Cisco's default table at most {t['od.cisco_default_worst_outage']},
  whatever the operators do. With Good only it is {t['od.good_only_2h_total']} even when the prime's
  admins react after 2 h, because the VA's admins never act ({t['od.good_only_va']} at the VA alone),
  and {t['od.good_only_blocked']} messages bounce.
- **Each hour of operator delay is an hour of outage, plus the nights.** The prime's share is
  {t['od.good_only_2h_prime']} at a 2-hour trigger, {t['od.good_only_12h_prime']} at 12 h,
  {t['od.good_only_24h_prime']} at 24 h, {t['od.good_only_48h_prime']} at 48 h and
  {t['od.good_only_96h_prime']} at 96 h (the 2012 case: a trigger late on a working day waits for the
  next morning); the contractor's total goes from {t['od.good_only_2h_total']} to
  {t['od.good_only_96h_total']}."""


def reflow(block):
    """Each bullet or paragraph of a block as lines of at most 100 characters, bullets indented; a
    number is never split from its CI or its unit."""
    glue = {" ± ": "\0a", " h": "\0b"}
    out = []
    for para in block.split("\n\n"):
        lines = []
        for item in para.split("\n- "):
            item = " ".join(item.split())
            bullet = item.startswith("- ") or lines
            item = item[2:] if item.startswith("- ") else item
            for k, v in glue.items():
                item = item.replace(k, v)
            text = textwrap.fill(("- " if bullet else "") + item, width=100, subsequent_indent="  " if bullet else "",
                                 break_on_hyphens=False, break_long_words=False)
            for k, v in glue.items():
                text = text.replace(v, k)
            lines.append(text)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def reputation_block(n):
    t = {k: v.text() for k, v in n.items()}
    return f"""In `dedicated_vs_shared` (one run, seed 2012), the compromised tenant's dedicated IP sent 12,000
spam in 6 hours against its own 200 clean messages a day in business hours: it is Good again
{t['dvs.dedicated_ip_recovery_days']} days after its burst began (written by `experiments/findings.py`)."""


BLOCKS = {
    "readme": (DOCUMENTS[0], readme_block),
    "shared_vs_dedicated": (DOCUMENTS[1], experiments_svd_block),
    "operator_delay": (DOCUMENTS[1], experiments_od_block),
    "reputation": (DOCUMENTS[2], reputation_block),
}


# The figures the documents show: experiments/plot.py's arguments per sweep.
FIGURES = {
    "shared_vs_dedicated": ["--title", "Shared pool vs dedicated IP (6 days, Good-only receiver)", "--metrics",
                            "shared_outage_pair_hours,dedicated_outage_pair_hours;shared_legit_lost,dedicated_legit_lost,"
                            "shared_queued_at_end,dedicated_queued_at_end", "--ylabel", "outage pair-hours (one receiver: cut-off hours);messages"],
    "operator_delay": ["--title", "Six-day outage: receiving policy and the prime's admins' delay", "--metrics",
                       "contractor_outage_pair_hours;prime_outage_pair_hours;contractor_legit_lost", "--ylabel",
                       "outage pair-hours;outage pair-hours;messages"],
}


def draw_figures(out):
    for name, extra in FIGURES.items():
        cmd = [sys.executable, str(ROOT / "experiments" / "plot.py"), str(out / name), "--spec", str(ROOT / SWEEPS[name]),
               "--out", str(ROOT / "docs" / "img")] + extra
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise SystemExit(f"findings: {' '.join(cmd)} failed (exit {done.returncode}):\n{done.stderr}")


# --- running, writing, checking --------------------------------------------------------------------------


def run_sweep(repsim, name, spec_path, out, jobs, replications):
    spec = json.loads((ROOT / spec_path).read_text(encoding="utf-8"))
    if replications is not None:
        spec["replications"] = replications
    spec["scenario"] = str((ROOT / spec_path).parent.joinpath(spec["scenario"]).resolve())
    out.mkdir(parents=True, exist_ok=True)
    spec_file = out / f"{name}.json"
    spec_file.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    directory = out / name
    # Always from scratch: a sweep directory does not say which build wrote it.
    shutil.rmtree(directory, ignore_errors=True)
    cmd = [str(repsim), "sweep", str(spec_file), "--out", str(directory), "-j", str(jobs)]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"findings: {' '.join(cmd)} failed (exit {done.returncode}):\n{done.stderr}")
    return Sweep(directory)


def replace_block(text, name, block, path):
    begin, end = f"<!-- findings:{name} -->", f"<!-- /findings:{name} -->"
    if text.count(begin) != 1 or text.count(end) != 1:
        raise SystemExit(f"findings: {path}: needs exactly one {begin} ... {end}")
    head, rest = text.split(begin)
    _, tail = rest.split(end)
    return f"{head}{begin}\n{block}\n{end}{tail}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repsim", default=str(ROOT / "build" / "repsim"))
    ap.add_argument("--out", default=str(ROOT / "out" / "findings"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--replications", type=int, help="reduced run: this many replications per variant")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="refresh the blocks in the documents and their figures")
    mode.add_argument("--check", action="store_true", help="exit 1 when a document's block is stale")
    args = ap.parse_args()
    if args.replications is not None and (args.write or args.check):
        raise SystemExit("findings: --replications is a reduced run; its numbers are not the documents'")
    if args.replications is not None and args.replications < 2:
        raise SystemExit("findings: --replications must be >= 2 (a CI needs two runs)")

    out = pathlib.Path(args.out)
    numbers, claims = {}, []
    for prefix, name, finder in (("svd", "shared_vs_dedicated", shared_vs_dedicated),
                                 ("od", "operator_delay", operator_delay)):
        sweep = run_sweep(args.repsim, name, SWEEPS[name], out, args.jobs, args.replications)
        found, said = finder(sweep)
        numbers.update({f"{prefix}.{k}": v for k, v in found.items()})
        claims += [(f"{name}: {c}", holds) for c, holds in said]

    run_dir = out / "dedicated_vs_shared_run"
    shutil.rmtree(run_dir, ignore_errors=True)
    cmd = [str(args.repsim), "run", str(ROOT / "scenarios" / "dedicated_vs_shared.json"), "--out", str(run_dir), "--quiet"]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"findings: {' '.join(cmd)} failed (exit {done.returncode}):\n{done.stderr}")
    with open(run_dir / "events.csv", newline="", encoding="utf-8") as f:
        found, said = dedicated_vs_shared_run(list(csv.DictReader(f)))
    numbers.update({f"dvs.{k}": v for k, v in found.items()})
    claims += [(f"dedicated_vs_shared: {c}", holds) for c, holds in said]

    missing = [k for k, v in numbers.items() if math.isnan(v.mean)]
    if missing:
        raise SystemExit(f"findings: no value for {', '.join(missing)}")
    blocks = {name: reflow(render(numbers)) for name, (_, render) in BLOCKS.items()}
    (out / "findings.json").write_text(
        json.dumps({k: v.json() for k, v in sorted(numbers.items())}, indent=1) + "\n", encoding="utf-8")
    (out / "findings.md").write_text("\n\n".join(blocks.values()) + "\n", encoding="utf-8")
    print(f"findings: {len(numbers)} numbers -> {out / 'findings.json'}", file=sys.stderr)

    if args.replications is None:
        broken = [c for c, holds in claims if not holds]
        if broken:
            raise SystemExit("findings: claims that no longer hold (rewrite their prose):\n  " + "\n  ".join(broken))
        print(f"findings: all {len(claims)} claims hold", file=sys.stderr)

    if args.write:
        draw_figures(out)
    stale = []
    for name, (path, _) in BLOCKS.items():
        text = path.read_text(encoding="utf-8")
        fresh = replace_block(text, name, blocks[name], path)
        if fresh == text:
            continue
        if args.write:
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_text(fresh, encoding="utf-8")
            tmp.replace(path)
            print(f"findings: refreshed {path.relative_to(ROOT)}", file=sys.stderr)
        else:
            stale.append(str(path.relative_to(ROOT)))
    if args.check and stale:
        raise SystemExit(f"findings: stale numbers in {', '.join(stale)}: run python3 experiments/findings.py --write")


if __name__ == "__main__":
    main()
