/**
 * Cross-stack references, followed. CDK turns a reference from one stack to another into an
 * `Outputs.X.Export` in the producer and an `Fn::ImportValue` in the consumer, so a cluster in one
 * stack whose subnets are in another sees only import names. CloudFormation resolves an import to
 * the export's value when it deploys the consumer, after the producer: a rule may do the same, with
 * the producer's template, instead of calling the value unknown.
 *
 * A consumer's template is judged with the resources of every producer it imports from (and of
 * theirs, transitively) added under `<producer>/<logical id>`. A slash cannot appear in a logical id
 * (CloudFormation allows only letters and digits), so an added resource never shadows one of the
 * consumer's. Only the consumer's own resources are judged; the added ones are there to be read.
 */
import { isObject, TemplateJson, TemplateResource } from './template-model';

/** A template of an assembly, named as its stack is. */
export interface NamedTemplate {
  /** The stack's name (the template file's name without `.template.json`). */
  readonly name: string;
  readonly template: TemplateJson & { readonly Outputs?: { [name: string]: any } };
}

/** A template with the producers of its imports added, and which of its resources are its own. */
export interface TemplateWithImports {
  readonly template: TemplateJson;
  readonly own: ReadonlySet<string>;
}

interface Export {
  readonly stack: NamedTemplate;
  readonly value: unknown;
}

export class StackExports {
  /** The exports of a set of templates, such as every template of a cloud assembly. */
  public static of(templates: NamedTemplate[]): StackExports {
    return new StackExports(templates);
  }

  private readonly exports = new Map<string, Export>();
  /** Export names two templates both give: which one a deployment imports depends on its region and account. */
  private readonly ambiguous = new Set<string>();

  private constructor(templates: NamedTemplate[]) {
    for (const stack of templates) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        const name = isObject(output) && isObject(output.Export) ? output.Export.Name : undefined;
        if (typeof name !== 'string') {
          continue;
        }
        if (this.exports.has(name)) {
          this.ambiguous.add(name);
        }
        this.exports.set(name, { stack, value: output.Value });
      }
    }
    for (const name of this.ambiguous) {
      this.exports.delete(name);
    }
  }

  /**
   * `template` with every literal `Fn::ImportValue` this assembly exports replaced by the export's
   * value, and the producers' resources added under `<producer>/<logical id>`. An import it cannot
   * follow (a computed name, an export of no template here) stays as it is, for rules to report.
   */
  public inline(template: TemplateJson): TemplateWithImports {
    const own = new Set(Object.keys(template.Resources ?? {}));
    if (this.exports.size === 0) {
      return { template, own };
    }
    const added: { [logicalId: string]: TemplateResource } = {};
    const producers = new Set<NamedTemplate>();
    const replaceImports = (value: unknown): unknown => mapValue(value, node => {
      const name = node['Fn::ImportValue'];
      const found = typeof name === 'string' && Object.keys(node).length === 1 ? this.exports.get(name) : undefined;
      if (found === undefined) {
        return undefined;
      }
      addProducer(found.stack);
      return replaceImports(prefixed(found.value, found.stack));
    });
    const addProducer = (stack: NamedTemplate) => {
      if (producers.has(stack)) {
        return;
      }
      producers.add(stack);
      for (const [id, resource] of Object.entries(stack.template.Resources ?? {})) {
        added[`${stack.name}/${id}`] = replaceImports(prefixed(resource, stack)) as TemplateResource;
      }
    };
    const resources: { [logicalId: string]: TemplateResource } = {};
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      resources[id] = replaceImports(resource) as TemplateResource;
    }
    if (producers.size === 0) {
      return { template, own };
    }
    return { template: { ...template, Resources: { ...added, ...resources } }, own };
  }
}

/**
 * A producer's value with its references renamed `<producer>/<name>`: resources and parameters
 * alike, so that neither can be mistaken for one of the consumer's. Pseudo parameters (`AWS::…`)
 * mean the same in every stack of one deployment and keep their names.
 */
function prefixed(value: unknown, stack: NamedTemplate): unknown {
  const rename = (name: string) => name.startsWith('AWS::') ? name : `${stack.name}/${name}`;
  return mapValue(value, node => {
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      return undefined;
    }
    if (typeof node.Ref === 'string') {
      return { Ref: rename(node.Ref) };
    }
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return { 'Fn::GetAtt': [rename(getAtt[0]), ...getAtt.slice(1).map(v => prefixed(v, stack))] };
    }
    if (typeof getAtt === 'string' && getAtt.includes('.')) {
      const dot = getAtt.indexOf('.');
      return { 'Fn::GetAtt': [rename(getAtt.slice(0, dot)), getAtt.slice(dot + 1)] };
    }
    return undefined;
  });
}

/**
 * A deep copy of `value` in which `replace` may substitute any object: what it returns (not
 * `undefined`) stands in its place and is not walked again.
 */
function mapValue(value: unknown, replace: (node: { [key: string]: any }) => unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(v => mapValue(v, replace));
  }
  if (!isObject(value)) {
    return value;
  }
  const replaced = replace(value);
  if (replaced !== undefined) {
    return replaced;
  }
  const copy: { [key: string]: unknown } = {};
  for (const [key, v] of Object.entries(value)) {
    copy[key] = mapValue(v, replace);
  }
  return copy;
}
