#!/usr/bin/python3
"""Records Python Jinja2's behaviour at the limits (scripts/record/jinja-limits-cases.yaml).

The reference is the one scripts/record/jinja/record.py uses (it is imported from there):
`jinja2.Environment(undefined=StrictUndefined)`, all other settings default, on Debian's
python3 3.11 (4,300-digit int <-> str limit) with python3-jinja2 3.1.2 and python3-yaml:

    /usr/bin/python3 scripts/record/record-jinja-limits.py

Writes test/plugin/per-dpu/fixtures/jinja-limits.json: per case its template, kind (parity or
bound), the context in typed JSON, and for parity cases Python's `output` or `error`
{type, message, lineno}; for bound cases only `size` (the output's length, or the number Python
printed) and the bound it is over. Nothing in the fixture comes from the TypeScript code.
"""
import json
import os
import sys

import jinja2
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'jinja'))
from record import ROOT, render, typed, write  # noqa: E402  (the parity recorder's reference setup)

CASES = os.path.join(HERE, 'jinja-limits-cases.yaml')
OUT = os.path.join(ROOT, 'test', 'plugin', 'per-dpu', 'fixtures', 'jinja-limits.json')
LIMITS = {'maxStringLength', 'maxCollectionLength', 'maxOutputChars', 'maxIntBits'}


def main():
    if sys.version_info[:2] < (3, 11) or sys.get_int_max_str_digits() != 4300:
        sys.exit('the reference is Python 3.11+ with the default 4300-digit int limit')
    with open(CASES, encoding='utf-8') as f:
        corpus = yaml.safe_load(f)
    context = yaml.safe_load(corpus['context'])
    cases = []
    names = set()
    for case in corpus['cases']:
        name = case['name']
        if name in names:
            sys.exit('duplicate case name %s' % name)
        names.add(name)
        kind = case.get('expect', 'parity')
        result = render(case['template'], context)
        entry = {'name': name, 'kind': kind, 'template': case['template']}
        if kind == 'parity':
            entry.update(result)
        elif kind == 'bound':
            if 'error' in result:
                sys.exit('bound case %s fails in Python: %r' % (name, result['error']))
            over = case.get('over', 'maxStringLength')
            if over not in LIMITS:
                sys.exit('bound case %s: unknown limit %s' % (name, over))
            out = result['output']
            entry['over'] = over
            entry['size'] = int(out) if case.get('measure') == 'printed' else len(out)
        else:
            sys.exit('case %s: unknown expect %s' % (name, kind))
        cases.append(entry)
    write(OUT, {
        'recordedWith': 'python %s (int_max_str_digits %d), jinja2 %s; Environment(undefined=StrictUndefined); '
                        'scripts/record/record-jinja-limits.py' % (sys.version.split()[0], sys.get_int_max_str_digits(), jinja2.__version__),
        'contextYaml': corpus['context'],
        'context': typed(context),
        'cases': cases,
    })
    errors = sum(1 for c in cases if 'error' in c)
    bounds = sum(1 for c in cases if c['kind'] == 'bound')
    print('recorded %d cases (%d errors, %d bounds) to %s' % (len(cases), errors, bounds, os.path.relpath(OUT, ROOT)))


if __name__ == '__main__':
    main()
