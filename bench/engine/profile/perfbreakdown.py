#!/usr/bin/env python3
"""Inclusive CPU shares per thread and per function from `perf script`.

  perf script -i perf.data -F comm,tid,ip,sym | perfbreakdown.py [--top N] [--focus SYM ...]

For every thread name (comm) prints its share of all samples, then the
functions that appear most often anywhere in its stacks (each counted once
per sample, so the figure is "% of this thread's CPU spent inside it").
--focus limits the function list to names containing one of the words.
"""
import argparse
import collections
import sys


def samples(stream):
    comm, frames = None, []
    for line in stream:
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
            continue
        if not line.startswith((" ", "\t")):
            comm = line.rsplit(None, 1)[0].strip()
            frames = []
        else:
            parts = line.strip().split(None, 1)
            frames.append(parts[1] if len(parts) > 1 else "?")
    if comm is not None:
        yield comm, frames


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--threads", nargs="*", default=None)
    parser.add_argument("--focus", nargs="*", default=None)
    args = parser.parse_args()
    per_thread = collections.Counter()
    inclusive = collections.defaultdict(collections.Counter)
    for comm, frames in samples(sys.stdin):
        per_thread[comm] += 1
        for sym in set(frames):
            inclusive[comm][sym] += 1
    total = sum(per_thread.values())
    print(f"{total} samples")
    for comm, n in per_thread.most_common():
        print(f"  {comm:20s} {100.0 * n / total:5.1f}%")
    for comm, n in per_thread.most_common():
        if args.threads is not None and comm not in args.threads:
            continue
        print(f"\n== {comm}: {n} samples ({100.0 * n / total:.1f}% of all)")
        shown = 0
        for sym, count in inclusive[comm].most_common():
            if args.focus and not any(word in sym for word in args.focus):
                continue
            print(f"  {100.0 * count / n:5.1f}%  {sym}")
            shown += 1
            if shown >= args.top:
                break


if __name__ == "__main__":
    main()
