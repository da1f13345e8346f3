/**
 * The YAML benchmark: the engine reads (`readTemplateFile` + `parseTemplate`, what `check` and
 * `replacements` run) a YAML template of 20 MB and one of 100 MB, each in a fresh process, and
 * reports the seconds and the peak memory against the input's size. The templates are generated:
 * subnets written with the short forms (`!Ref`, `!GetAtt A.B`, `!Select`, `!Cidr`, `!Sub`), about
 * ten values per line, denser than CDK's output. A script, not a test (see bench/README.md).
 *
 *   npx ts-node --transpile-only bench/yaml-memory.ts [--sizes 20,100]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

/** A YAML template of at least `mb` MB. */
export function yamlTemplate(mb: number): string {
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env:', '    Type: String', '    Default: prod', 'Resources:',
    '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties:', '      CidrBlock: 10.0.0.0/16'];
  let size = parts.join('\n').length;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const block = [
      `  Subnet${i}:`,
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      '      VpcId: !Ref Vpc',
      `      CidrBlock: !Select [${i % 256}, !Cidr [!GetAtt Vpc.CidrBlock, 256, 8]]`,
      `      Ipv6CidrBlock: !Select [${i % 256}, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 256, 64]]`,
      `      AvailabilityZone: !Select [${i % 3}, !GetAZs ""]`,
      '      Tags:',
      '        - Key: Name',
      `          Value: !Sub "\${Env}-subnet-${i}"`,
    ].join('\n');
    parts.push(block);
    size += block.length + 1;
  }
  return parts.join('\n') + '\n';
}

interface Figures {
  readonly mb: number;
  readonly resources: number;
  readonly seconds: number;
  readonly idleMb: number;
  readonly peakMb: number;
}

function measure(mb: number, dir: string): Figures {
  const file = path.join(dir, `template-${mb}mb.yaml`);
  fs.writeFileSync(file, yamlTemplate(mb));
  const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js', { paths: [ROOT] }), '--transpile-only',
    path.join(__dirname, 'yaml-parse-process.ts'), file], { cwd: ROOT, encoding: 'utf-8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) {
    throw new Error(`parsing ${mb} MB failed (exit ${run.status ?? run.signal}): ${run.stderr.split('\n').slice(0, 5).join('\n')}`);
  }
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!);
  return {
    mb: fs.statSync(file).size / 1024 / 1024,
    resources: result.resources,
    seconds: result.seconds,
    idleMb: result.idleRssKb / 1024,
    peakMb: result.maxRssKb / 1024,
  };
}

function main() {
  const flag = process.argv.indexOf('--sizes');
  const sizes = flag < 0 ? [20, 100] : process.argv[flag + 1].split(',').map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-memory-'));
  try {
    const rows = sizes.map(mb => measure(mb, dir));
    console.log('| YAML input | Resources | Seconds | Idle process | Peak | Peak − idle | (Peak − idle) / input | Peak / input |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.mb.toFixed(1)} MB | ${r.resources} | ${r.seconds.toFixed(1)} | ${r.idleMb.toFixed(0)} MB | ${r.peakMb.toFixed(0)} MB | `
        + `${(r.peakMb - r.idleMb).toFixed(0)} MB | ${((r.peakMb - r.idleMb) / r.mb).toFixed(1)}x | ${(r.peakMb / r.mb).toFixed(1)}x |`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main();
}
