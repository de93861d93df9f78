#!/usr/bin/python3
"""NAB scores of every detector with its defaults, as ../shared/tools/nab-score reports them
(NAB's own scoring code on the 35 labelled series of ../shared/data/nab): the standard,
reward_low_FP and reward_low_FN profiles (0 = never fire, 100 = perfect) and the alarms per
1000 points. Also scores the default with no method named, and per series with --per-file.

usage: /usr/bin/python3 tests/bench/bench_nab_score.py [--outlierctl build/bin/outlierctl]
           [--nab-score ../shared/tools/nab-score] [--method M ...] [--per-file]
"""
import argparse
import os
import re
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
LINE = re.compile(r'(\d+) series, (\d+) windows, (\d+) alarms \(([\d.]+) per 1000 points\): '
                  r'NAB standard (-?[\d.]+), reward_low_FP (-?[\d.]+), reward_low_FN (-?[\d.]+)')


def methods(outlierctl):
    """The method names outlierctl knows, from its own usage text ("... (known: a, b, c)")."""
    p = subprocess.run([outlierctl, 'detect', 'nonexistent.csv', '--method', '?'], capture_output=True, text=True)
    m = re.search(r'known: ([^)]*)\)', p.stderr)
    if not m:
        sys.exit(f'cannot read the method list from outlierctl: {p.stderr.strip()[:200]}')
    return [name.strip() for name in m.group(1).split(',')]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--outlierctl', default=os.path.join(REPO, 'build', 'bin', 'outlierctl'))
    ap.add_argument('--nab-score', default=os.path.join(REPO, '..', 'shared', 'tools', 'nab-score'))
    ap.add_argument('--method', action='append', help='only these methods (repeatable)')
    ap.add_argument('--per-file', action='store_true', help="also print each series' standard score")
    a = ap.parse_args()
    for path, what in ((a.outlierctl, 'outlierctl'), (a.nab_score, 'nab-score')):
        if not os.path.exists(path):
            sys.exit(f'{path}: no such file (pass --{what} PATH)')
    names = a.method or [None] + methods(a.outlierctl)
    print('| method | NAB standard | reward_low_FP | reward_low_FN | alarms / 1000 points |')
    print('|---|---|---|---|---|')
    for name in names:
        cmd = [sys.executable, a.nab_score] + (['--per-file'] if a.per_file else []) + [a.outlierctl]
        if name:
            cmd += ['--method', name]
        p = subprocess.run(cmd, capture_output=True, text=True)
        m = LINE.search(p.stdout)
        label = name or '(default)'
        if p.returncode or not m:
            print(f'| {label} | failed: {(p.stderr or p.stdout).strip()[:120]} | | | |')
            continue
        _, _, _, per1000, std, low_fp, low_fn = m.groups()
        print(f'| {label} | {float(std):.1f} | {float(low_fp):.1f} | {float(low_fn):.1f} | {float(per1000):.2f} |')
        if a.per_file:
            for line in p.stdout.splitlines():
                if line.startswith('  '):
                    print(f'    {label}: {line.strip()}')


if __name__ == '__main__':
    main()
