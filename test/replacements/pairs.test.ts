import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/nag/cli/main';

/**
 * Template pairs with known truth (test/replacements/pairs/NAME: old.*, new.*, truth.json, written
 * by hand): every resource replaced, maybe replaced, removed or refused, and the exit code. The
 * command must find exactly those (no miss, no false alarm) and exit 1 for every stateful one.
 */
interface Truth {
  readonly args?: string[];
  readonly exit: number;
  readonly found: { [logicalId: string]: 'REPLACED' | 'MAY_BE_REPLACED' | 'REMOVED' | 'REFUSED' };
  readonly reasonContains?: { [logicalId: string]: string };
}

const PAIRS = path.join(__dirname, 'pairs');
const LABELS: { [label: string]: string } = {
  'REPLACED': 'REPLACED', 'MAY BE REPLACED': 'MAY_BE_REPLACED', 'REMOVED': 'REMOVED', 'ERROR: UPDATE REFUSED': 'REFUSED',
};

function file(dir: string, name: string): string {
  return path.join(dir, fs.readdirSync(dir).find(f => f.startsWith(`${name}.`))!);
}

const pairs = fs.readdirSync(PAIRS).sort();

test('the pairs cover every case of the issue', () => {
  expect(pairs.length).toBeGreaterThanOrEqual(30);
});

describe.each(pairs)('%s', name => {
  const dir = path.join(PAIRS, name);
  const truth: Truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf-8'));

  test(`finds exactly ${JSON.stringify(truth.found)} and exits ${truth.exit}`, () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(['replacements', ...truth.args ?? [], file(dir, 'old'), file(dir, 'new')], l => out.push(l), l => err.push(l));
    const output = out.join('\n');
    const found: { [id: string]: string } = {};
    for (const m of output.matchAll(/^(REPLACED|MAY BE REPLACED|REMOVED|ERROR: UPDATE REFUSED) (\S+) \(/gm)) {
      found[m[2]] = LABELS[m[1]];
    }
    expect({ found, err }).toEqual({ found: truth.found, err: [] });
    for (const [id, text] of Object.entries(truth.reasonContains ?? {})) {
      expect(output.split(`${id} (`)[1]).toContain(text);
    }
    expect(code).toBe(truth.exit);
  });
});
