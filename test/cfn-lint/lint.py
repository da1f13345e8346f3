"""cfn-lint on the templates given, judged against test/cfn-lint/accepted-warnings.txt.

usage: python3 lint.py CFN_LINT ACCEPTED TEMPLATE_OR_DIR...

Fails (exit 1) on any error, and on any warning no entry of ACCEPTED covers. A directory stands for
its *.template.json files. A template without Resources is skipped and named: the CDK CLI never
deploys an empty stack ("stack has no resources, skipping deployment", aws-cdk's cdk-toolkit), and
CloudFormation would refuse it (cfn-lint E1001), so there is nothing to judge.
"""
import fnmatch
import glob
import json
import os
import re
import subprocess
import sys


def templates_of(args):
    for arg in args:
        if os.path.isdir(arg):
            yield from sorted(glob.glob(os.path.join(arg, '*.template.json')))
        else:
            yield arg


def read_accepted(path):
    """One entry a line: `rule | template glob | message regex | reason`; # starts a comment."""
    entries = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            parts = [p.strip() for p in line.split(' | ', 3)]
            if len(parts) != 4 or not all(parts):
                sys.exit(f'{path}:{number}: expected "rule | template glob | message regex | reason", got: {line}')
            rule, template, message, reason = parts
            if not rule.startswith('W'):
                sys.exit(f'{path}:{number}: only warnings can be accepted; {rule} is not one')
            entries.append({'where': f'{path}:{number}', 'rule': rule, 'template': template,
                            'message': re.compile(message), 'reason': reason, 'matched': 0})
    return entries


def covering(entries, match):
    name = os.path.basename(match['Filename'])
    for entry in entries:
        if (entry['rule'] == match['Rule']['Id'] and fnmatch.fnmatch(name, entry['template'])
                and entry['message'].search(match['Message'])):
            return entry
    return None


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    cfn_lint, accepted_path, *args = sys.argv[1:]
    entries = read_accepted(accepted_path)
    linted, skipped = [], []
    for template in templates_of(args):
        with open(template, encoding='utf-8') as f:
            (linted if json.load(f).get('Resources') else skipped).append(template)
    if not linted:
        sys.exit('cfn-lint: no template to lint')
    version = subprocess.run([cfn_lint, '--version'], capture_output=True, text=True, check=True).stdout.strip()
    # Exit codes are a bit mask of the levels found (2 error, 4 warning, 8 informational); the
    # findings themselves are read from the JSON, so only a crash (non-JSON output) stops here.
    run = subprocess.run([cfn_lint, '--format', 'json', '--', *linted], capture_output=True, text=True)
    try:
        matches = json.loads(run.stdout or '[]')
    except json.JSONDecodeError:
        sys.exit(f'{version} did not run: exit {run.returncode}\n{run.stdout}{run.stderr}')

    errors, unaccepted = [], []
    for match in matches:
        location = f"{match['Filename']}:{match['Location']['Start']['LineNumber']}"
        line = f"{match['Rule']['Id']} {location} {match['Message']}"
        if match['Level'] == 'Error':
            errors.append(line)
            continue
        entry = covering(entries, match)
        if entry is None:
            unaccepted.append(line)
        else:
            entry['matched'] += 1

    print(f'{version}: {len(linted)} templates linted, {len(skipped)} without resources skipped')
    for template in skipped:
        print(f'  skipped (no Resources, never deployed): {template}')
    for entry in entries:
        print(f"  accepted {entry['matched']:3d} x {entry['rule']} ({entry['where']}): {entry['reason'][:100]}")
        if entry['matched'] == 0:
            print(f"  note: {entry['where']} matched nothing in these templates; drop it if no template needs it")
    for line in errors:
        print(f'  ERROR {line}')
    for line in unaccepted:
        print(f'  WARNING (not in {accepted_path}) {line}')
    print(f'{len(errors)} errors, {len(unaccepted)} warnings not accepted, '
          f"{sum(e['matched'] for e in entries)} warnings accepted")
    sys.exit(1 if errors or unaccepted else 0)


if __name__ == '__main__':
    main()
