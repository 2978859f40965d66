import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError, errorMessage } from '../errors.js';
import type { CategorySpec, ListedPapers } from './engine.js';

/** The papers an entry lists (taxonomy.json writes both lists; a person may edit either). */
const listed = {
  paperIds: z.array(z.string()).optional(),
  paperKeys: z.array(z.string().nullable()).optional(),
};

const SubcategorySchema = z.object({
  id: z.string().trim().min(1).optional(),
  name: z.string().trim().min(1, 'a subcategory needs a non-empty "name"'),
  definition: z.string().optional(),
  ...listed,
});

const CategorySchema = z.object({
  id: z.string().trim().min(1).optional(),
  name: z.string().trim().min(1, 'a category needs a non-empty "name"'),
  definition: z.string().optional(),
  subcategories: z.array(SubcategorySchema).optional(),
  ...listed,
});

/** The lists an entry gave, only those it gave. */
function lists(entry: { paperIds?: string[] | undefined; paperKeys?: (string | null)[] | undefined }): ListedPapers {
  return {
    ...(entry.paperIds?.length ? { paperIds: entry.paperIds } : {}),
    ...(entry.paperKeys?.length ? { paperKeys: entry.paperKeys } : {}),
  };
}

const FileSchema = z.union([
  z.object({ categories: z.array(z.unknown()) }).passthrough(),
  z.array(z.unknown()),
]);

const HINT = 'the file is a taxonomy.json as litrev writes it: { "categories": [ { "id", "name", "definition" } ] }';

function fail(path: string, problem: string): never {
  throw new ConfigError(`taxonomy file ${path}: ${problem}`, HINT);
}

function describeIssue(issue: z.core.$ZodIssue, index: number): string {
  const field = issue.path.length ? `"${issue.path.join('.')}"` : 'entry';
  return `category ${index + 1}: ${field} ${issue.message}`;
}

/**
 * Read a taxonomy file the user edited (the taxonomy.json format litrev writes, or a bare array of
 * categories). Returns the categories with id, name and definition (and their subcategories, in
 * the same shape, for a two-level taxonomy), with the papers each lists (paperIds, paperKeys): those
 * stay where the file puts them (review/listed-papers.ts). A missing id becomes c1, c2…; duplicate ids
 * or names, an empty list, bad JSON or a missing file give a ConfigError naming the file and the problem.
 */
export async function parseTaxonomyFile(path: string): Promise<CategorySpec[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    fail(path, `cannot read it (${errorMessage(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    fail(path, `not valid JSON (${errorMessage(err)})`);
  }
  const file = FileSchema.safeParse(json);
  if (!file.success) fail(path, 'expected an object with a "categories" array');
  const entries = Array.isArray(file.data) ? file.data : file.data.categories;
  if (entries.length === 0) fail(path, 'it lists no categories');
  // Category and subcategory ids share one namespace (papers.csv and papers.jsonl name both); a default id
  // (c2, c1.2) that an explicit id elsewhere already took is a clash too, named as such.
  const ids = new Map<string, string>();
  const claim = (id: string, where: string, explicit: boolean) => {
    const here = explicit ? where : `${where}, by default`;
    const earlier = ids.get(id);
    if (earlier !== undefined) fail(path, `the id "${id}" is used twice (${earlier}; ${here})`);
    ids.set(id, here);
  };
  const names = new Set<string>();
  return entries.map((entry, i): CategorySpec => {
    const parsed = CategorySchema.safeParse(entry);
    if (!parsed.success) fail(path, describeIssue(parsed.error.issues[0]!, i));
    const id = parsed.data.id ?? `c${i + 1}`;
    claim(id, `category ${i + 1}`, parsed.data.id !== undefined);
    if (names.has(parsed.data.name.toLowerCase())) fail(path, `the name "${parsed.data.name}" is used twice`);
    names.add(parsed.data.name.toLowerCase());
    const subs = parsed.data.subcategories ?? [];
    const subNames = new Set<string>();
    for (const x of subs) {
      if (subNames.has(x.name.toLowerCase())) fail(path, `category ${i + 1}: the subcategory name "${x.name}" is used twice`);
      subNames.add(x.name.toLowerCase());
    }
    subs.forEach((x, j) => claim(x.id ?? `${id}.${j + 1}`, `category ${i + 1} subcategory ${j + 1}`, x.id !== undefined));
    return {
      id,
      name: parsed.data.name,
      definition: (parsed.data.definition ?? '').trim(),
      ...lists(parsed.data),
      ...(subs.length ? { subcategories: subs.map((x, j) => ({ id: x.id ?? `${id}.${j + 1}`, name: x.name, definition: (x.definition ?? '').trim(), ...lists(x) })) } : {}),
    };
  });
}
