#!/usr/bin/python3
"""Records Python Jinja2's output for the parity corpus (scripts/record/jinja/corpus.yaml).

The reference is what an HBN DPU runs: `jinja2.Environment(undefined=StrictUndefined)` with every
other setting default, and contexts parsed by PyYAML `yaml.safe_load` (YAML 1.1). The same corpus
is recorded a second time as DPF's per-node configuration guideline renders:
`jinja2.Environment(autoescape=True)` with the default, lenient Undefined (jinja-parity-dpf.json,
the 'dpf' render mode). Run with
Debian's python3-jinja2 and python3-yaml:

    apt-get install -y python3-jinja2 python3-yaml
    /usr/bin/python3 scripts/record/jinja/record.py

Writes test/plugin/per-dpu/fixtures/jinja-parity.json, and from the same corpus file yaml11.json
(PyYAML safe_load results) and fnmatch.json (fnmatch.fnmatchcase matrix). Each case keeps its template, the context
as YAML text, the context as PyYAML loaded it in a typed JSON form (so a JS reader can rebuild
ints, floats, dates and non-string keys exactly), and either `output` or `error` {type, message,
lineno}. Nothing in the fixture comes from the TypeScript code.
"""
import datetime
import fnmatch
import json
import os
import sys
import traceback

import jinja2
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
FIXTURES = os.path.join(ROOT, 'test', 'plugin', 'per-dpu', 'fixtures')
OUT = os.path.join(FIXTURES, 'jinja-parity.json')
OUT_DPF = os.path.join(FIXTURES, 'jinja-parity-dpf.json')
ENVIRONMENTS = {
    'strict': lambda: jinja2.Environment(undefined=jinja2.StrictUndefined),
    'dpf': lambda: jinja2.Environment(autoescape=True),
}


def typed(value):
    """PyYAML-loaded value -> JSON that keeps Python's types apart."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return {'$int': str(value)}
    if isinstance(value, float):
        return {'$float': repr(value)}
    if isinstance(value, datetime.datetime):
        return {'$datetime': value.isoformat()}
    if isinstance(value, datetime.date):
        return {'$date': value.isoformat()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, dict):
        return {'$dict': [[typed(k), typed(v)] for k, v in value.items()]}
    raise TypeError('unsupported YAML value type %s' % type(value).__name__)


def template_lineno(exc):
    """Line of the innermost template frame (Jinja2 rewrites tracebacks to template lines)."""
    line = getattr(exc, 'lineno', None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == '<template>':
            line = frame.lineno
    return line


def render(template, context, mode='strict'):
    env = ENVIRONMENTS[mode]()
    try:
        return {'output': env.from_string(template).render(**context)}
    except jinja2.TemplateSyntaxError as exc:
        return {'error': {'type': type(exc).__name__, 'message': exc.message, 'lineno': exc.lineno}}
    except Exception as exc:  # every other failure is part of the recorded behaviour
        return {'error': {'type': type(exc).__name__, 'message': str(exc), 'lineno': template_lineno(exc)}}


def write(path, data):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write('\n')


def main():
    with open(os.path.join(HERE, 'corpus.yaml'), encoding='utf-8') as f:
        corpus = yaml.safe_load(f)
    cases = []
    dpf_cases = []
    names = set()
    for case in corpus['cases']:
        if case['name'] in names:
            sys.exit('duplicate case name %s' % case['name'])
        names.add(case['name'])
        context_yaml = case.get('context', corpus['defaultContext'])
        context = yaml.safe_load(context_yaml)
        result = {'group': case['group'], 'name': case['name'], 'template': case['template'],
                  'contextYaml': context_yaml, 'context': typed(context)}
        dpf_result = dict(result)
        result.update(render(case['template'], context))
        cases.append(result)
        dpf_result.update(render(case['template'], context, 'dpf'))
        dpf_cases.append(dpf_result)
    fixture = {
        'recordedWith': 'python %s, jinja2 %s, pyyaml %s; Environment(undefined=StrictUndefined); '
                        'scripts/record/jinja/record.py' % (sys.version.split()[0], jinja2.__version__, yaml.__version__),
        'cases': cases,
    }
    write(OUT, fixture)
    write(OUT_DPF, {
        'recordedWith': 'python %s, jinja2 %s, pyyaml %s; Environment(autoescape=True); '
                        'scripts/record/jinja/record.py' % (sys.version.split()[0], jinja2.__version__, yaml.__version__),
        'cases': dpf_cases,
    })
    yaml_cases = []
    for text in corpus['yamlCases']:
        try:
            yaml_cases.append({'yaml': text, 'value': typed(yaml.safe_load(text))})
        except yaml.YAMLError as exc:
            yaml_cases.append({'yaml': text, 'error': type(exc).__name__})
    write(os.path.join(FIXTURES, 'yaml11.json'), {'recordedWith': 'pyyaml %s yaml.safe_load; scripts/record/jinja/record.py' % yaml.__version__, 'cases': yaml_cases})
    matrix = [{'pattern': p, 'name': n, 'match': fnmatch.fnmatchcase(n, p)} for p in corpus['fnmatchPatterns'] for n in corpus['fnmatchNames']]
    write(os.path.join(FIXTURES, 'fnmatch.json'), {'recordedWith': 'python %s fnmatch.fnmatchcase; scripts/record/jinja/record.py' % sys.version.split()[0], 'cases': matrix})
    errors = sum(1 for c in cases if 'error' in c)
    print('recorded %d cases (%d errors) to %s' % (len(cases), errors, os.path.relpath(OUT, ROOT)))


if __name__ == '__main__':
    main()
