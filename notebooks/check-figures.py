#!/usr/bin/env python3
"""Flags figures in a notebook's prose that none of its outputs show.

A number written with two or more decimals in a markdown cell (outside `code spans` and $formulas$)
must be the rounding of some number printed by the notebook's code cells; otherwise the prose
describes a run the outputs no longer show. Settings belong in code spans; results read off a chart
should be printed by a cell, or not given as figures.

  notebooks/check-figures.py NOTEBOOK.ipynb ...   -> one line per unsupported figure; exit 1 if any
"""
import json
import re
import sys

FIGURE = re.compile(r'(?<![\w.])-?\d+\.\d{2,}(?![\w.])')
ANY_NUMBER = re.compile(r'(?<![\w.])-?\d+\.\d+(?:[eE][-+]?\d+)?')


def output_texts(cell):
    for output in cell.get('outputs', []):
        if 'text' in output:
            yield ''.join(output['text'])
        for kind, value in output.get('data', {}).items():
            if kind.startswith('text/'):
                yield ''.join(value) if isinstance(value, list) else value


def unsupported(path):
    notebook = json.load(open(path, encoding='utf-8'))
    printed = ' '.join(t for c in notebook['cells'] if c['cell_type'] == 'code' for t in output_texts(c))
    values = {float(v) for v in ANY_NUMBER.findall(printed)}
    found = []
    for index, cell in enumerate(notebook['cells']):
        if cell['cell_type'] != 'markdown':
            continue
        prose = ''.join(cell['source'])
        prose = re.sub(r'`[^`]*`', ' ', prose)        # code spans: settings, not results
        prose = re.sub(r'\$[^$]*\$', ' ', prose)      # formulas
        prose = re.sub(r'\]\([^)]*\)', ']', prose)    # link targets
        for figure in FIGURE.findall(prose):
            decimals = len(figure.split('.')[1])
            x = float(figure)
            if not any(abs(round(v, decimals) - x) < 1e-9 or abs(round(abs(v), decimals) - abs(x)) < 1e-9 for v in values):
                at = prose.find(figure)
                context = ' '.join(prose[max(0, at - 50):at + len(figure) + 20].split())
                found.append(f'{path}: cell {index}: {figure} is in no output ("…{context}…")')
    return found


if __name__ == '__main__':
    problems = [line for path in sys.argv[1:] for line in unsupported(path)]
    for line in problems:
        print(line)
    sys.exit(1 if problems else 0)
