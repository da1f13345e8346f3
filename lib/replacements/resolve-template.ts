import { isDeepStrictEqual } from 'util';

type Json = { [key: string]: any };

/** An assignment of the conditions a template cannot decide (a parameter with no value). */
export type ConditionScenario = { readonly [condition: string]: boolean };

/** `Ref: AWS::NoValue`: the property is left out. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Parameter types whose value CloudFormation splits on commas. */
const LIST_TYPE = /^(List<.*>|CommaDelimitedList)$/;
/** Parameter types whose value CloudFormation reads from Systems Manager when it deploys. */
const SSM_TYPE = /^AWS::SSM::Parameter::Value<.*>$/;

/**
 * A template as CloudFormation deploys it for given parameter values: parameter defaults (or the
 * given values) in place of `Ref`s and `${}`s, Conditions decided, `Fn::If` reduced to its branch,
 * resources whose Condition is false left out, `Fn::FindInMap` looked up, `AWS::NoValue` dropped,
 * and `Fn::Join`, `Fn::Select`, `Fn::Split` and `Fn::Sub` of known values computed.
 *
 * What stays unknown (a parameter with no default and no given value, a pseudo parameter not given)
 * stays a function, which the replacement check judges as "may replace". A condition that stays
 * unknown is decided by the caller's `ConditionScenario`: the check judges each one.
 */
export class TemplateResolver {
  private readonly parameters = new Map<string, unknown>();
  private readonly conditions: Json;
  private readonly mappings: Json;

  constructor(private readonly template: Json, given: { readonly [name: string]: string } = {}) {
    this.conditions = asObject(template.Conditions);
    this.mappings = asObject(template.Mappings);
    for (const [name, value] of Object.entries(given)) {
      if (name.startsWith('AWS::')) {
        this.parameters.set(name, value);
      }
    }
    for (const [name, declaration] of Object.entries(asObject(template.Parameters))) {
      const type = String(asObject(declaration).Type ?? 'String');
      const value = given[name] ?? asObject(declaration).Default;
      if (SSM_TYPE.test(type)) {
        // The value is read when CloudFormation deploys: only the parameter's name is known.
        this.parameters.set(name, value === undefined ? undefined : { 'Fn::ValueOfSsmParameter': String(value) });
      } else if (value !== undefined) {
        this.parameters.set(name, LIST_TYPE.test(type) ? String(value).split(',').map(v => v.trim()) : String(value));
      }
    }
  }

  /**
   * The conditions this template cannot decide under `scenario`, whose own expression is unknown
   * (a condition that only combines others is decided with them).
   */
  public undecided(scenario: ConditionScenario): string[] {
    return Object.keys(this.conditions).filter(name => scenario[name] === undefined && this.ownCondition(name, scenario, []) === undefined);
  }

  /** The template for `scenario`; conditions it leaves undecided stay functions. */
  public resolve(scenario: ConditionScenario): Json {
    const resources: Json = {};
    for (const [logicalId, resource] of Object.entries(asObject(this.template.Resources))) {
      const condition = typeof resource.Condition === 'string' ? this.condition(resource.Condition, scenario, []) : true;
      if (condition === false) {
        continue;
      }
      const properties = this.value(resource.Properties, scenario);
      resources[logicalId] = { ...resource, Properties: properties === NO_VALUE ? undefined : properties };
    }
    return { ...this.template, Resources: resources };
  }

  private condition(name: string, scenario: ConditionScenario, seen: string[]): boolean | undefined {
    return this.ownCondition(name, scenario, seen) ?? scenario[name];
  }

  private ownCondition(name: string, scenario: ConditionScenario, seen: string[]): boolean | undefined {
    if (seen.includes(name) || this.conditions[name] === undefined) {
      return undefined; // a cycle or a missing condition: CloudFormation refuses the template
    }
    return this.expression(this.conditions[name], scenario, [...seen, name]);
  }

  /** A condition expression, in three values: true, false, or unknown. */
  private expression(expression: unknown, scenario: ConditionScenario, seen: string[]): boolean | undefined {
    const [fn, args] = single(expression);
    const list = Array.isArray(args) ? args : [];
    const each = () => list.map(e => this.expression(e, scenario, seen));
    switch (fn) {
      case 'Condition':
        return typeof args === 'string' ? this.condition(args, scenario, seen) : undefined;
      case 'Fn::Equals': {
        const [a, b] = list.map(v => this.value(v, scenario));
        return isLiteral(a) && isLiteral(b) ? String(a) === String(b) || isDeepStrictEqual(a, b) : undefined;
      }
      case 'Fn::Not': {
        const v = each()[0];
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And': {
        const v = each();
        return v.includes(false) ? false : v.includes(undefined) ? undefined : true;
      }
      case 'Fn::Or': {
        const v = each();
        return v.includes(true) ? true : v.includes(undefined) ? undefined : false;
      }
      default:
        return undefined;
    }
  }

  /** A value with everything known computed; `NO_VALUE` where the property is left out. */
  private value(value: unknown, scenario: ConditionScenario): any {
    if (Array.isArray(value)) {
      return value.map(v => this.value(v, scenario)).filter(v => v !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const [fn, args] = single(value);
    const list = Array.isArray(args) ? args : [];
    switch (fn) {
      case 'Ref':
        if (args === 'AWS::NoValue') return NO_VALUE;
        return typeof args === 'string' && this.parameters.get(args) !== undefined ? this.parameters.get(args) : value;
      case 'Fn::If': {
        const chosen = typeof list[0] === 'string' ? this.condition(list[0], scenario, []) : undefined;
        if (chosen !== undefined) {
          return this.value(list[chosen ? 1 : 2], scenario);
        }
        return { 'Fn::If': [list[0], ...list.slice(1).map(v => keep(this.value(v, scenario)))] };
      }
      case 'Fn::FindInMap':
        return this.findInMap(list.map(v => this.value(v, scenario)));
      case 'Fn::Join': {
        const [separator, items] = list.map(v => this.value(v, scenario));
        return typeof separator === 'string' && Array.isArray(items) && items.every(i => typeof i === 'string' || typeof i === 'number')
          ? items.join(separator) : { 'Fn::Join': [separator, keep(items)] };
      }
      case 'Fn::Select': {
        const [index, items] = list.map(v => this.value(v, scenario));
        const i = Number(index);
        return isLiteral(index) && Array.isArray(items) && Number.isInteger(i) && i >= 0 && i < items.length && isLiteral(items[i])
          ? items[i] : { 'Fn::Select': [index, keep(items)] };
      }
      case 'Fn::Split': {
        const [separator, text] = list.map(v => this.value(v, scenario));
        return typeof separator === 'string' && separator !== '' && typeof text === 'string' ? text.split(separator) : { 'Fn::Split': [separator, keep(text)] };
      }
      case 'Fn::Sub':
        return this.sub(args, scenario);
      case 'Fn::GetAtt':
        // One form for both: `"A.B.C"` is `["A", "B.C"]` to CloudFormation.
        return typeof args === 'string' && args.includes('.') ? { 'Fn::GetAtt': [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] } : value;
      default: {
        const out: Json = {};
        for (const [key, inner] of Object.entries(value)) {
          const v = this.value(inner, scenario);
          if (v !== NO_VALUE) out[key] = v;
        }
        return out;
      }
    }
  }

  /**
   * `Fn::FindInMap` with known keys is the mapping's value. With a key unknown (`AWS::Region`,
   * most often), it stays a function that carries the values it may take, so a change of any of
   * them is seen as a change of the property.
   */
  private findInMap([map, first, second]: unknown[]): unknown {
    const table = typeof map === 'string' ? asObject(this.mappings[map]) : {};
    if (typeof first === 'string' && typeof second === 'string') {
      const found = asObject(table[first])[second];
      if (found !== undefined) {
        return found;
      }
    }
    const candidates = typeof first === 'string' ? asObject(table[first]) : table;
    return { 'Fn::FindInMap': [map, keep(first), keep(second), { OneOf: candidates }] };
  }

  private sub(args: unknown, scenario: ConditionScenario): unknown {
    const [text, variables] = Array.isArray(args) ? args : [args, {}];
    if (typeof text !== 'string') {
      return { 'Fn::Sub': args };
    }
    const own = asObject(this.value(variables, scenario));
    let unknown = false;
    const result = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) {
        return whole;
      }
      const v = name in own ? own[name] : name.includes('.') ? undefined : this.parameters.get(name);
      if (typeof v === 'string' || typeof v === 'number') {
        return String(v);
      }
      unknown = true;
      return whole;
    });
    if (!unknown) {
      return result.replace(/\$\{!/g, '${');
    }
    return Object.keys(own).length > 0 ? { 'Fn::Sub': [result, own] } : { 'Fn::Sub': result };
  }
}

/** The function name and arguments of `{ 'Fn::X': args }` or `{ Ref: id }`; `[]` for anything else. */
function single(value: unknown): [string?, unknown?] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [];
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::')) ? [keys[0], (value as Json)[keys[0]]] : [];
}

/** Whether a value holds no function left (so it is what CloudFormation will use). */
function isLiteral(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isLiteral);
  if (value === null || typeof value !== 'object') return value !== undefined;
  return single(value)[0] === undefined && Object.values(value).every(isLiteral);
}

/** Inside a function that stays, a left-out value is written as CloudFormation writes it. */
function keep(value: unknown): unknown {
  return value === NO_VALUE ? { Ref: 'AWS::NoValue' } : value;
}

function asObject(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : {};
}
