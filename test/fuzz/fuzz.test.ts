import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { malformedInputs } from './malformed-inputs';
import { main } from '../../lib/nag/cli/main';

/**
 * The fast part of the fuzz run (the full run, 300 inputs each in its own process with time and
 * memory bounds, is test/fuzz/run.ts): the first inputs of the same generator, through the CLI's
 * entry point. Every run ends with exit 0, 1 or 2, and an exit 2 says why in one line with no
 * stack trace.
 */
const inputs = malformedInputs(40);
let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-test-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, l => out.push(l), l => err.push(l));
  return { code, output: out.join('\n'), error: err.join('\n') };
}

test('the generator is deterministic and varied', () => {
  expect(malformedInputs(40).map(i => i.name)).toEqual(inputs.map(i => i.name));
  expect(new Set(inputs.map(i => i.name.replace(/^\d+-|\.template\..*$/g, ''))).size).toBeGreaterThan(15);
});

test.each(inputs.map(i => [i.name, i] as const))('%s', (_name, input) => {
  const file = path.join(dir, input.name);
  fs.writeFileSync(file, input.content);
  for (const args of [['check', file], ['replacements', input.seed, file]]) {
    const { code, output, error } = run(...args);
    expect([0, 1, 2]).toContain(code);
    expect(`${output}\n${error}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
    if (code === 2) {
      expect(error.split('\n')).toHaveLength(1);
      expect(output).toBe('');
    }
  }
});
