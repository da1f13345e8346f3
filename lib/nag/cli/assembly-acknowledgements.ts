import * as fs from 'fs';
import * as path from 'path';
import { PACK_NAME } from '../../engine/judge-template';
import { readTemplateFile } from '../../engine/read-template';

/** The construct metadata a cloud assembly keeps per construct path. */
type MetadataEntry = { readonly type: string; readonly data?: unknown; readonly trace?: unknown };

const ACKNOWLEDGED = 'aws:cdk:acknowledged-rules';
const LOGICAL_ID = 'aws:cdk:logicalId';
const CREATION_STACK = 'aws:cdk:creationStack';
const TEMPLATE_FILE = 'aws:cdk:templateFile';

/** One read per cloud assembly and process: a check of a whole cdk.out asks once per template. */
const BY_DIRECTORY = new Map<string, AssemblyAcknowledgements | undefined>();

/**
 * The acknowledgements (`Validations.of(construct).acknowledge(...)`) of a CDK app, read from its
 * cloud assembly: a template in `cdk.out` is checked with the acknowledgements the pack honours at
 * synth, so both give the same findings. An acknowledgement covers the construct and its children.
 */
export class AssemblyAcknowledgements {
  /** The acknowledgements of the cloud assembly in `dir`; `undefined` when `dir` is not one. */
  public static of(dir: string): AssemblyAcknowledgements | undefined {
    const key = path.resolve(dir);
    if (!BY_DIRECTORY.has(key)) {
      BY_DIRECTORY.set(key, fs.existsSync(path.join(key, 'manifest.json')) ? new AssemblyAcknowledgements(key) : undefined);
    }
    return BY_DIRECTORY.get(key);
  }

  private readonly metadata = new Map<string, MetadataEntry[]>();
  /** Construct path of the stack (or nested stack) of each template file. */
  private readonly stackPaths = new Map<string, string>();
  /** Logical id to construct paths (one per stack that has it). */
  private readonly pathsOf = new Map<string, string[]>();

  private constructor(dir: string) {
    for (const [constructPath, entries] of readMetadata(dir)) {
      this.metadata.set(constructPath, [...this.metadata.get(constructPath) ?? [], ...entries]);
      for (const entry of entries) {
        if (entry.type === TEMPLATE_FILE && typeof entry.data === 'string') {
          this.stackPaths.set(entry.data, constructPath);
        } else if (entry.type === LOGICAL_ID && typeof entry.data === 'string') {
          this.pathsOf.set(entry.data, [...this.pathsOf.get(entry.data) ?? [], constructPath]);
        }
      }
    }
  }

  /** The construct path of resource `logicalId` of `templateFile`, from the assembly's metadata. */
  public constructPath(templateFile: string, logicalId: string): string | undefined {
    const stack = this.stackPaths.get(path.basename(templateFile));
    return stack === undefined ? undefined
      : this.pathsOf.get(logicalId)?.find(p => p.startsWith(`${stack}/`) && this.stackOf(p) === stack);
  }

  /**
   * The creation stack trace of resource `logicalId`, where the assembly keeps it: the
   * `aws:cdk:creationStack` entry (`cdk synth --debug`, or an app without
   * `aws:cdk:disable-creation-stack-traces`), else the trace of its logical id entry.
   */
  public trace(templateFile: string, logicalId: string): string[] | undefined {
    const constructPath = this.constructPath(templateFile, logicalId);
    const entries = constructPath === undefined ? [] : this.metadata.get(constructPath) ?? [];
    const trace = entries.find(e => e.type === CREATION_STACK && Array.isArray(e.data))?.data
      ?? entries.find(e => e.type === LOGICAL_ID && Array.isArray(e.trace))?.trace;
    return Array.isArray(trace) ? trace.filter((t): t is string => typeof t === 'string') : undefined;
  }

  /** Whether the finding `ruleId` on resource `logicalId` of `templateFile` is acknowledged in the app. */
  public acknowledged(templateFile: string, logicalId: string, ruleId: string): boolean {
    const constructPath = this.constructPath(templateFile, logicalId);
    if (constructPath === undefined) {
      return false;
    }
    const parts = constructPath.split('/');
    for (let i = parts.length; i > 1; i--) {
      for (const entry of this.metadata.get(parts.slice(0, i).join('/')) ?? []) {
        if (entry.type === ACKNOWLEDGED && typeof entry.data === 'object' && entry.data !== null
          && Object.keys(entry.data).some(id => unqualified(id) === ruleId)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The innermost stack (top-level or nested) a construct path is in. */
  private stackOf(constructPath: string): string | undefined {
    let found: string | undefined;
    for (const stack of this.stackPaths.values()) {
      if (constructPath.startsWith(`${stack}/`) && (found === undefined || stack.length > found.length)) {
        found = stack;
      }
    }
    return found;
  }
}

/** `Ipv6Ready::Ipv6Ready-MSK-IPV6-3` and `Annotation::...` as the rule id the pack reports. */
function unqualified(id: string): string {
  return id.replace(new RegExp(`^(annotation|${PACK_NAME})::`, 'i'), '');
}

/** Every construct's metadata: the `*.metadata.json` files, and what manifest.json holds itself. */
function readMetadata(dir: string): Array<[string, MetadataEntry[]]> {
  const read = (file: string): any => {
    try {
      // Regular files of the assembly only, with the template cap: a FIFO or a device never ends.
      return JSON.parse(readTemplateFile(file, { within: dir }));
    } catch {
      return undefined; // Acknowledgements are a help: a file that cannot be read has none.
    }
  };
  const documents: unknown[] = fs.readdirSync(dir).filter(f => f.endsWith('.metadata.json')).map(f => read(path.join(dir, f)));
  const artifacts = read(path.join(dir, 'manifest.json'))?.artifacts ?? {};
  documents.push(...Object.values<{ metadata?: unknown }>(artifacts).map(a => a?.metadata));
  return documents.flatMap(d => typeof d === 'object' && d !== null
    ? Object.entries(d).filter((e): e is [string, MetadataEntry[]] => Array.isArray(e[1]))
    : []);
}
