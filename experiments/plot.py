#!/usr/bin/env python3
"""Figures of a sweep directory: one PNG per swept factor, each metric's mean with its 95% CI.

Usage: python3 experiments/plot.py OUT_DIR [--spec SPEC] [--out DIR] [--prefix NAME]
                                   [--metrics a,b;c,...] [--overlay] [--title TEXT] [--ylabel TEXT;...]

Reads OUT_DIR/summary.csv (means and ci95 half-widths per variant, experiments/README.md) and the
spec: --spec, or the copy `repsim sweep` stored in OUT_DIR/sweep.json. Needs pandas and matplotlib
(Debian: python3-pandas, python3-matplotlib).

Factors. Varied pointers whose values always change together (a zip group of equal lists, such as
the two receivers' policies) are one factor, named by the first pointer. Variant 0 is the base
point. For each factor the figure takes the variants where every other factor is at its base value;
with exactly two factors on a full grid it draws instead one line per value of the other factor. So a
full grid and a one-factor-at-a-time design (one zip group whose variant k changes one factor from
variant 0) both give one figure per factor.

Values: numbers on a numeric axis; durations ("90m", "12h", "2d") converted to hours; anything else
categorical in the order of the spec.

Output: DIR (default OUT_DIR/plots)/PREFIX_<factor>.png, PREFIX defaulting to the spec's file stem.
Metrics: every metric of the spec, or --metrics; one panel each, or all on one panel with --overlay
(for metrics of one unit, e.g. the outage hours of two tenants). In --metrics a `;` starts another
panel: "a,b;c,d" draws a and b on one panel and c and d on a second, and --ylabel "h;messages" labels
them.
"""
import argparse
import json
import math
import pathlib
import re
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

DURATION = re.compile(r"^(\d+(?:\.\d+)?)(s|m|h|d)$")
HOURS_PER = {"s": 1 / 3600, "m": 1 / 60, "h": 1, "d": 24}


def load_spec(out_dir, spec_path):
    if spec_path:
        return json.loads(pathlib.Path(spec_path).read_text(encoding="utf-8")), pathlib.Path(spec_path).stem
    manifest = json.loads((out_dir / "sweep.json").read_text(encoding="utf-8"))
    spec = manifest["spec"]
    if isinstance(spec, str):
        spec = json.loads(spec)
    return spec, pathlib.Path(manifest["spec_file"]).stem


def factors_of(summary, params):
    """Groups parameter columns that partition the variants alike (they vary together)."""
    groups = []
    for column in params:
        codes = tuple(pd.factorize(summary[column].astype(str))[0])
        for g in groups:
            if g["codes"] == codes:
                g["columns"].append(column)
                break
        else:
            groups.append({"codes": codes, "columns": [column]})
    return [g["columns"] for g in groups if len(set(g["codes"])) > 1]


def as_axis(values):
    """Numeric x positions and the axis label suffix: numbers, durations in hours, or categories."""
    text = [str(v) for v in values]
    try:
        return [float(t) for t in text], ""
    except ValueError:
        pass
    if all(DURATION.match(t) for t in text):
        return [float(DURATION.match(t)[1]) * HOURS_PER[DURATION.match(t)[2]] for t in text], " (hours)"
    return None, ""


def short(pointer):
    """The last three tokens of a pointer: enough to tell the factors apart in a legend."""
    return "/".join(pointer.split("/")[-3:])


def slug(pointer):
    return re.sub(r"[^A-Za-z0-9]+", "_", pointer).strip("_")


def draw(ax, rows, factor, metric, label, offset):
    """One series: the metric's mean and 95% CI against the factor."""
    values = list(rows[factor])
    x, _ = as_axis(values)
    line = "-"
    if x is None:  # categorical: spread the series a little so their bars do not overlap; no lines
        x = [i + offset for i in range(len(values))]
        ax.set_xticks(range(len(values)), [str(v) for v in values])
        line = "none"
    mean = rows[metric + "_mean"].astype(float)
    ci = rows[metric + "_ci95"].astype(float).fillna(0.0) if metric + "_ci95" in rows else 0.0
    ax.errorbar(x, mean, yerr=ci, marker="o", linestyle=line, capsize=3, label=label)


def figure(summary, factors, index, panels, title, ylabels):
    factor = factors[index][0]
    others = [f[0] for k, f in enumerate(factors) if k != index]
    base = {c: summary[c].astype(str).iloc[0] for c in summary.columns}  # as text: no int -> float
    full_grid = len(summary) == math.prod(summary[f[0]].astype(str).nunique() for f in factors)
    if len(others) == 1 and full_grid:
        series = [(f"{short(others[0])} = {v}", summary[summary[others[0]].astype(str) == str(v)])
                  for v in pd.unique(summary[others[0]])]
    else:
        at_base = summary
        for o in others:
            at_base = at_base[at_base[o].astype(str) == base[o]]
        fixed = ", ".join(f"{short(o)} = {base[o]}" for o in others)
        series = [(None, at_base)]
        title = title + ("\n" + textwrap.fill(f"(others at base: {fixed})", 110) if fixed else "")
    fig, axes = plt.subplots(1, len(panels), figsize=(max(6.0, 4.6 * len(panels) + 0.8), 4.2), squeeze=False)
    for p, shown in enumerate(panels):
        ax = axes[0][p]
        overlay = len(shown) > 1
        n = len(series) * len(shown)
        k = 0
        for name, rows in series:
            rows = rows.copy()
            x, _ = as_axis(list(rows[factor]))
            if x is not None:
                rows = rows.assign(_x=x).sort_values("_x")
            for metric in shown:
                label = " / ".join(t for t in (metric if overlay else None, name) if t)
                draw(ax, rows, factor, metric, label or None, (k - (n - 1) / 2) * 0.08)
                k += 1
        _, unit = as_axis(list(summary[factor]))
        ax.set_xlabel(" = ".join(short(c) for c in factors[index]) + unit)
        ylabel = ylabels[p] if p < len(ylabels) else (shown[0] if not overlay else "mean")
        ax.set_ylabel(ylabel + ", mean and 95% CI")
        ax.grid(True, alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=pathlib.Path, help="a sweep directory (holds summary.csv)")
    parser.add_argument("--spec", help="the sweep spec (default: the copy in OUT_DIR/sweep.json)")
    parser.add_argument("--out", type=pathlib.Path, help="where the PNGs go (default OUT_DIR/plots)")
    parser.add_argument("--prefix", help="file name prefix (default: the spec's file stem)")
    parser.add_argument("--metrics", help="metric names, comma-separated; ';' starts a new panel (default: all)")
    parser.add_argument("--overlay", action="store_true", help="all metrics on one panel")
    parser.add_argument("--title", help="figure title (default: the prefix)")
    parser.add_argument("--ylabel", help="y axis label of each panel, ';'-separated (default: the metric)")
    args = parser.parse_args()

    summary_path = args.out_dir / "summary.csv"
    if not summary_path.is_file():
        sys.exit(f"plot: {summary_path} not found: run repsim sweep first")
    summary = pd.read_csv(summary_path, keep_default_na=True)
    spec, stem = load_spec(args.out_dir, args.spec)
    columns = list(summary.columns)
    params = columns[columns.index("variant") + 1:columns.index("n")]
    if args.metrics:
        panels = [[m for m in group.split(",") if m] for group in args.metrics.split(";")]
    else:
        panels = [[m["name"]] for m in spec["metrics"]]
    if args.overlay:
        panels = [[m for group in panels for m in group]]
    metrics = [m for group in panels for m in group]
    missing = [m for m in metrics if m + "_mean" not in columns]
    if missing:
        sys.exit(f"plot: no metric {', '.join(missing)} in {summary_path}")
    factors = factors_of(summary, params)
    if not factors:
        sys.exit("plot: nothing varies in this sweep: no figure to draw")
    prefix = args.prefix or stem
    out = args.out or args.out_dir / "plots"
    out.mkdir(parents=True, exist_ok=True)
    for i, f in enumerate(factors):
        fig = figure(summary, factors, i, panels, args.title or prefix,
                     args.ylabel.split(";") if args.ylabel else [])
        path = out / f"{prefix}_{slug(f[0])}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
