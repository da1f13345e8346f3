// The switch handler's Lambda asset, as `npx projen bundle` builds it and Lambda loads it.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserFunctions } from './provider-framework';

const ROOT = path.join(__dirname, '..', '..');
const TASK = 'bundle:lib/msk/handlers/dual-stack-switch.handler';
export const ASSET = path.join(ROOT, 'assets', 'lib', 'msk', 'handlers', 'dual-stack-switch.handler', 'index.js');

/**
 * Brings the asset up to date with the sources, by the bundle task's own esbuild command (from
 * .projen/tasks.json): built aside and moved into place only if it differs, so that another test
 * hashing the asset meanwhile never reads half a file. `npx projen build` bundles before it tests;
 * this keeps `npx jest` alone honest too. SWITCH_HANDLER_BUNDLE names another bundle to test
 * instead (an older build, say), which is then left as it is.
 */
export function bundledAsset(): string {
  if (process.env.SWITCH_HANDLER_BUNDLE) {
    return path.resolve(process.env.SWITCH_HANDLER_BUNDLE);
  }
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  const [command, ...args]: string[] = tasks[TASK].steps[0].execArgs;
  const aside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'switch-bundle-')), 'index.js');
  execFileSync(path.join(ROOT, 'node_modules', '.bin', command), args.map(a => (a.startsWith('--outfile=') ? `--outfile=${aside}` : a)),
    { cwd: ROOT, stdio: 'pipe' });
  const built = fs.readFileSync(aside);
  if (!fs.existsSync(ASSET) || !fs.readFileSync(ASSET).equals(built)) {
    fs.mkdirSync(path.dirname(ASSET), { recursive: true });
    fs.renameSync(aside, ASSET);
  }
  fs.rmSync(path.dirname(aside), { recursive: true, force: true });
  return ASSET;
}

/**
 * Loads a CommonJS bundle the way Node's module loader does (the module wrapper's five
 * parameters), in this test's global scope: its Date and setTimeout are the ones the scenario
 * installs. Each load is a fresh module, as in a new Lambda execution environment.
 */
export function loadBundle(file: string): UserFunctions {
  const module = { exports: {} as any };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const wrapper = new Function('exports', 'require', 'module', '__filename', '__dirname', fs.readFileSync(file, 'utf8'));
  wrapper(module.exports, require, module, file, path.dirname(file));
  return module.exports;
}
