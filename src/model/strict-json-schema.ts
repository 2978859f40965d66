import { z } from 'zod';

/** A JSON schema node (loosely typed: it is data sent to the endpoint). */
export type JsonSchema = { [key: string]: unknown };

/** Keywords OpenAI's strict mode rejects; dropped (the zod schema still checks them on the reply). */
const UNSUPPORTED = [
  '$schema',
  'default',
  'examples',
  'minLength',
  'maxLength',
  'propertyNames',
  'patternProperties',
  'unevaluatedProperties',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'contains',
  'readOnly',
  'writeOnly',
  'id',
];

/**
 * A zod schema as a JSON schema valid under OpenAI's strict structured-output rules: every object
 * lists all its properties in `required` and forbids additional ones; a property that zod treats as
 * optional becomes nullable instead (see `dropNullOptionals` for the way back); `oneOf` becomes `anyOf`;
 * multi-type unions become `anyOf`. Records (`z.record`) cannot be expressed and throw, naming the path.
 * The schema describes the *input* side of zod (what the model must write): a field with a default
 * is optional there.
 */
export function toStrictJsonSchema(schema: z.ZodType): JsonSchema {
  const source = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  return strictNode(source, '$') as JsonSchema;
}

/** The plain (non-strict) input JSON schema of a zod schema, used to undo the nullable optionals. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
}

function strictNode(node: unknown, where: string): unknown {
  if (Array.isArray(node)) return node.map((n, i) => strictNode(n, `${where}[${i}]`));
  if (node === null || typeof node !== 'object') return node;
  const src = node as JsonSchema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(src)) {
    if (UNSUPPORTED.includes(k)) continue;
    if (k === 'properties' || k === '$defs' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v as JsonSchema).map(([p, s]) => [p, strictNode(s, `${where}.${p}`)]));
    } else if (k === 'oneOf') {
      out.anyOf = strictNode(v, where);
    } else if (k === 'additionalProperties' && v !== false && v !== undefined && !('properties' in src)) {
      throw new TypeError(`schema at ${where}: records/maps cannot be expressed under strict structured output; use an array of objects`);
    } else {
      out[k] = strictNode(v, where);
    }
  }
  splitMultiType(out);
  if (isObjectNode(out)) strictObject(out, src);
  return out;
}

function isObjectNode(node: JsonSchema): boolean {
  return node.type === 'object' || (node.properties !== undefined && node.type === undefined);
}

function strictObject(out: JsonSchema, src: JsonSchema): void {
  const props = (out.properties ?? {}) as JsonSchema;
  const required = new Set(Array.isArray(src.required) ? (src.required as string[]) : []);
  for (const [name, prop] of Object.entries(props)) {
    if (!required.has(name)) props[name] = nullable(prop as JsonSchema);
  }
  out.type = 'object';
  out.properties = props;
  out.required = Object.keys(props);
  out.additionalProperties = false;
}

/** Allow null in a schema node (if it does not already). */
function nullable(node: JsonSchema): JsonSchema {
  if (allowsNull(node)) return node;
  if (typeof node.type === 'string' && node.enum === undefined && node.const === undefined) return { ...node, type: [node.type, 'null'] };
  if (Array.isArray(node.anyOf)) return { ...node, anyOf: [...node.anyOf, { type: 'null' }] };
  const { description, ...rest } = node;
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: 'null' }] };
}

function allowsNull(node: JsonSchema): boolean {
  if (node.type === 'null') return true;
  if (Array.isArray(node.type) && node.type.includes('null')) return true;
  if (Array.isArray(node.anyOf)) return node.anyOf.some((n) => allowsNull(n as JsonSchema));
  return Array.isArray(node.enum) && node.enum.includes(null);
}

/** `type: ["string", "number"]` -> anyOf; `[T, "null"]` stays (strict mode accepts it). */
function splitMultiType(node: JsonSchema): void {
  if (!Array.isArray(node.type)) return;
  const types = node.type as string[];
  const nonNull = types.filter((t) => t !== 'null');
  if (nonNull.length <= 1) return;
  delete node.type;
  node.anyOf = types.map((t) => ({ type: t }));
}

/**
 * Undo the strict conversion on a reply: a property that is optional in the zod schema and came back
 * as `null` is removed (unless the schema itself allows null there), so zod's `.optional()` and
 * `.default()` see "absent". Works on a copy; `schema` is the input JSON schema (`inputJsonSchema`).
 */
export function dropNullOptionals(value: unknown, schema: JsonSchema): unknown {
  const defs = ((schema.$defs ?? schema.definitions ?? {}) as Record<string, JsonSchema>);
  return walk(value, schema, defs, 0);
}

function walk(value: unknown, node: JsonSchema | undefined, defs: Record<string, JsonSchema>, depth: number): unknown {
  if (!node || depth > 64 || value === null || typeof value !== 'object') return value;
  const resolved = resolveRef(node, defs);
  if (Array.isArray(value)) {
    const items = resolved.items as JsonSchema | undefined;
    return value.map((v) => walk(v, items, defs, depth + 1));
  }
  const branches = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    const objectBranch = branches.map((b) => resolveRef(b, defs)).find((b) => b.type === 'object' || b.properties !== undefined);
    return walk(value, objectBranch, defs, depth + 1);
  }
  const props = resolved.properties as Record<string, JsonSchema> | undefined;
  if (!props) return value;
  const required = new Set(Array.isArray(resolved.required) ? (resolved.required as string[]) : []);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const prop = props[k];
    if (v === null && prop && !required.has(k) && !allowsNull(resolveRef(prop, defs))) continue;
    out[k] = walk(v, prop, defs, depth + 1);
  }
  return out;
}

function resolveRef(node: JsonSchema, defs: Record<string, JsonSchema>): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const name = ref.replace(/^#\/(\$defs|definitions)\//, '');
  return defs[name] ?? node;
}
