#!/usr/bin/env node
// @ts-check
/**
 * What `cdk.json` runs: the example app as users get the library, compiled JavaScript rather than
 * ts-node (which transpiles lib/ on every synth and costs seconds).
 *
 * On a fresh clone nothing is built, so this transpiles lib/ and examples/ into a cache folder and
 * bundles the Lambda handlers of .projen/tasks.json (the packed library ships them prebuilt). A
 * repeat run redoes only what changed: a file is transpiled again when its source is newer than its
 * output, a handler bundled again when one of the inputs esbuild recorded is newer than the bundle.
 * Transpiling is per file and does not type-check; `npx projen build` does that.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'cdk-ipv6-ready-example');

/**
 * Transpiles every `.ts` file of `dirs` (and `files`), relative to ROOT, into `outDir`, keeping the
 * layout, so that `require('../lib')` from a compiled example finds the compiled library. Links
 * `links` (top-level folders such as `assets`) into `outDir` so `__dirname`-relative paths resolve.
 *
 * @param {{ outDir: string, dirs: string[], files?: string[], links?: string[] }} options
 * @returns {number} how many files were transpiled
 */
function transpile({ outDir, dirs, files = [], links = ['assets'] }) {
  const sources = [...dirs.flatMap(d => walk(path.join(ROOT, d))), ...files.map(f => path.join(ROOT, f))]
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const outputs = new Set();
  const stale = [];
  for (const source of sources) {
    const out = path.join(outDir, path.relative(ROOT, source)).replace(/\.ts$/, '.js');
    outputs.add(out);
    if (!fs.existsSync(out) || fs.statSync(source).mtimeMs > fs.statSync(out).mtimeMs) stale.push([source, out]);
  }
  // A deleted or renamed source must not leave a module behind that still loads.
  for (const d of dirs) {
    for (const out of walk(path.join(outDir, d))) if (out.endsWith('.js') && !outputs.has(out)) fs.rmSync(out);
  }
  if (stale.length > 0) {
    const ts = require('typescript');
    const compilerOptions = {
      ...ts.convertCompilerOptionsFromJson(ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config.compilerOptions, ROOT).options,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      inlineSourceMap: false,
      inlineSources: false,
      sourceMap: false,
      declaration: false,
      noEmit: false,
    };
    for (const [source, out] of stale) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, ts.transpileModule(fs.readFileSync(source, 'utf-8'), { compilerOptions, fileName: source }).outputText);
    }
  }
  for (const link of links) {
    const target = path.join(outDir, link);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(outDir, { recursive: true });
      // A junction needs no privilege on Windows; elsewhere the type is ignored.
      fs.symlinkSync(path.join(ROOT, link), target, 'junction');
    }
  }
  return stale.length;
}

/**
 * Runs each `bundle:<entry>` task of .projen/tasks.json (esbuild, the command projen wrote) whose
 * bundle is missing or older than one of its inputs.
 *
 * @returns {string[]} the entries bundled
 */
function bundle() {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;
  const bundled = [];
  for (const task of Object.values(tasks)) {
    const args = task.name.startsWith('bundle:') && !task.name.endsWith(':watch') ? task.steps?.[0]?.execArgs : undefined;
    if (!args || args[0] !== 'esbuild') continue;
    const outfile = path.join(ROOT, args.find(a => a.startsWith('--outfile=')).slice('--outfile='.length));
    const metafile = path.join(CACHE, `${task.name.replace(/[^\w.-]+/g, '_')}.meta.json`);
    if (fs.existsSync(outfile) && fs.existsSync(metafile)) {
      const built = fs.statSync(outfile).mtimeMs;
      const inputs = Object.keys(JSON.parse(fs.readFileSync(metafile, 'utf-8')).inputs).map(i => path.join(ROOT, i));
      if (inputs.every(i => fs.existsSync(i) && fs.statSync(i).mtimeMs <= built)) continue;
    }
    fs.mkdirSync(CACHE, { recursive: true });
    const esbuild = path.join(path.dirname(require.resolve('esbuild/package.json', { paths: [ROOT] })), 'bin', 'esbuild');
    const result = spawnSync(esbuild, [...args.slice(1), `--metafile=${metafile}`, '--log-level=warning'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`${task.name} failed (exit ${result.status ?? result.signal}): ${['esbuild', ...args.slice(1)].join(' ')}`);
    bundled.push(task.name);
  }
  return bundled;
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/**
 * Brings the compiled example app up to date and returns its entry point, with what had to be done.
 *
 * @returns {{ entry: string, transpiled: number, bundled: string[] }}
 */
function prepare() {
  const bundled = bundle();
  const transpiled = transpile({ outDir: CACHE, dirs: ['lib', 'examples'] });
  return { entry: path.join(CACHE, 'examples', 'app.js'), transpiled, bundled };
}

module.exports = { transpile, bundle, prepare };

if (require.main === module) {
  require(prepare().entry);
}
