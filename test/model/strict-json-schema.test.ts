import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dropNullOptionals, inputJsonSchema, toStrictJsonSchema, type JsonSchema } from '../../src/model/strict-json-schema.js';

/** Check OpenAI's strict rules on every object node: all properties required, no additional ones. */
function assertStrict(node: unknown, where = '$'): void {
  if (Array.isArray(node)) return node.forEach((n, i) => assertStrict(n, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return;
  const n = node as JsonSchema;
  expect(n.$schema, where).toBeUndefined();
  expect(n.oneOf, where).toBeUndefined();
  expect(n.default, where).toBeUndefined();
  if (n.type === 'object' || n.properties) {
    expect(n.additionalProperties, where).toBe(false);
    expect([...(n.required as string[])].sort(), where).toEqual(Object.keys(n.properties as object).sort());
  }
  for (const [k, v] of Object.entries(n)) if (k !== 'enum' && k !== 'const' && k !== 'required') assertStrict(v, `${where}.${k}`);
}

const Claim = z.object({ text: z.string(), quote: z.string(), page: z.number().int().optional() });
const Paper = z.object({
  id: z.string(),
  category: z.enum(['method', 'survey', 'benchmark']),
  summary: z.string().nullable(),
  note: z.string().optional(),
  confidence: z.number().min(0).max(1).default(0.5),
  claims: z.array(Claim),
  meta: z.object({ venue: z.string().optional(), year: z.number().int() }),
  label: z.union([z.string(), z.number()]),
  kind: z.discriminatedUnion('t', [z.object({ t: z.literal('a'), a: z.string() }), z.object({ t: z.literal('b') })]),
});
const Batch = z.object({ items: z.array(Paper) });

describe('toStrictJsonSchema', () => {
  const schema = toStrictJsonSchema(Batch);

  it('follows the strict rules on nested objects and arrays of objects', () => {
    assertStrict(schema);
  });

  it('makes optional fields nullable and keeps nullable ones nullable', () => {
    const item = ((schema.properties as JsonSchema).items as JsonSchema).items as JsonSchema;
    const props = item.properties as Record<string, JsonSchema>;
    expect(props.note).toEqual({ type: ['string', 'null'] });
    expect(props.summary!.type).toEqual(['string', 'null']);
    expect(props.id).toEqual({ type: 'string' });
    const venue = ((props.meta as JsonSchema).properties as Record<string, JsonSchema>).venue;
    expect(venue).toEqual({ type: ['string', 'null'] });
    const page = (((props.claims as JsonSchema).items as JsonSchema).properties as Record<string, JsonSchema>).page!;
    expect(page.type).toEqual(['integer', 'null']);
  });

  it('keeps enums, turns oneOf and multi-type unions into anyOf', () => {
    const props = ((((schema.properties as JsonSchema).items as JsonSchema).items as JsonSchema).properties) as Record<string, JsonSchema>;
    expect(props.category).toEqual({ type: 'string', enum: ['method', 'survey', 'benchmark'] });
    expect(props.label).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
    expect(Array.isArray(props.kind!.anyOf)).toBe(true);
    expect(props.confidence!.type).toEqual(['number', 'null']);
    expect(props.confidence!.minimum).toBe(0);
  });

  it('refuses records, which strict mode cannot express', () => {
    expect(() => toStrictJsonSchema(z.object({ r: z.record(z.string(), z.number()) }))).toThrow(/records/);
  });

  it('an optional enum becomes nullable through anyOf', () => {
    const s = toStrictJsonSchema(z.object({ e: z.enum(['a', 'b']).optional() }));
    expect((s.properties as Record<string, JsonSchema>).e).toEqual({ anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] });
  });
});

describe('dropNullOptionals', () => {
  it('turns null back into "absent" for optional fields so zod accepts the reply, and keeps real nulls', () => {
    const reply = {
      items: [
        {
          id: 'p1',
          category: 'method',
          summary: null,
          note: null,
          confidence: null,
          claims: [{ text: 't', quote: 'q', page: null }],
          meta: { venue: null, year: 2024 },
          label: 'x',
          kind: { t: 'b' },
        },
      ],
    };
    expect(Batch.safeParse(reply).success).toBe(false);
    const fixed = dropNullOptionals(reply, inputJsonSchema(Batch));
    const parsed = Batch.safeParse(fixed);
    expect(parsed.success).toBe(true);
    const item = parsed.data!.items[0]!;
    expect(item.summary).toBeNull();
    expect(item.note).toBeUndefined();
    expect(item.confidence).toBe(0.5);
    expect(item.meta.venue).toBeUndefined();
    expect(item.claims[0]!.page).toBeUndefined();
  });
});
