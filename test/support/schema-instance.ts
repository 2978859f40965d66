/**
 * A small schema-driven generator: the minimal instance valid for a JSON schema (the subset that
 * litrev's strict schemas use: object, array, string, number, integer, boolean, null, enum, const,
 * anyOf/oneOf, $ref into $defs, minItems, minimum, minLength). Used by the test server's default
 * handler so structured requests get a valid answer without a hand-written one.
 */
export type JsonSchema = { [key: string]: unknown };

export function schemaInstance(schema: JsonSchema, root: JsonSchema = schema, depth = 0): unknown {
  if (depth > 32) return null;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, JsonSchema>;
    const target = schema.$ref === '#' ? root : defs[name];
    return target ? schemaInstance(target, root, depth + 1) : null;
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const branch = branches.find((b) => b.type !== 'null') ?? branches[0]!;
    return schemaInstance(branch, root, depth + 1);
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) out[k] = schemaInstance(v, root, depth + 1);
      return out;
    }
    case 'array': {
      const n = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const items = (schema.items ?? {}) as JsonSchema;
      return Array.from({ length: n }, () => schemaInstance(items, root, depth + 1));
    }
    case 'string': {
      const n = typeof schema.minLength === 'number' ? schema.minLength : 1;
      return 'x'.repeat(Math.max(1, n));
    }
    case 'integer':
    case 'number': {
      if (typeof schema.minimum === 'number') return type === 'integer' ? Math.ceil(schema.minimum) : schema.minimum;
      if (typeof schema.exclusiveMinimum === 'number') return Math.floor(schema.exclusiveMinimum) + 1;
      return 0;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}
