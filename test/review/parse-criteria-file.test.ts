import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { parseCriteriaFile, parseCriteriaText } from '../../src/review/parse-criteria-file.js';

/** What a user's criteria file turns into (id, kind, sentence, terms), or the one-line refusal naming the file. */
const rows = (text: string, file: string) => parseCriteriaText(text, file).criteria.map((c) => [c.id, c.kind, c.text, c.terms]);
const refusal = (text: string, file: string): string => {
  try {
    parseCriteriaText(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).hint).toMatch(/YAML .*inclusion: \[\{ id: I1.*Markdown \(## Inclusion/);
    return (err as Error).message;
  }
  throw new Error(`${file} was accepted`);
};

describe('criteria files: which format', () => {
  const markdown = '## Inclusion\n- I1: Studies language models.\n';
  const yaml = 'inclusion:\n  - "I1: Studies language models."\n';
  it.each(['c.md', 'c.MD', 'c.markdown', 'c.txt', 'criteria'])('%s with a heading is read as Markdown', (file) => {
    expect(rows(markdown, file)).toEqual([['I1', 'inclusion', 'Studies language models.', []]]);
  });
  it.each(['c.yaml', 'c.yml', 'c.YAML', 'c.txt'])('%s without a heading is read as YAML', (file) => {
    expect(rows(yaml, file)).toEqual([['I1', 'inclusion', 'Studies language models.', []]]);
  });
  it('a .yaml file is YAML even when a line starts like a heading (a comment)', () => {
    expect(rows('# Screening criteria\ninclusion:\n  - "I1: Studies language models."\n', 'c.yaml')).toEqual([['I1', 'inclusion', 'Studies language models.', []]]);
    expect(rows('# Screening criteria\ninclusion:\n  - "I1: Studies language models."\n', 'c.yml')).toHaveLength(1);
  });
  it('a "# " inside a line is no heading: such a file is YAML', () => {
    expect(rows('inclusion:\n  - "I1: Uses C# or F# code."\n', 'c.txt')).toEqual([['I1', 'inclusion', 'Uses C# or F# code.', []]]);
  });
  it('"#word" is no Markdown heading: such a file is YAML', () => {
    expect(rows('#comment\ninclusion:\n  - "I1: Studies language models."\n', 'c.txt')).toHaveLength(1);
  });
});

describe('criteria files: YAML', () => {
  it('reads include/exclude as synonyms, any letter case, inclusion first', () => {
    expect(rows('Exclude:\n  - Is a survey.\nINCLUDE:\n  - Studies language models.\n', 'c.yaml')).toEqual([
      ['I1', 'inclusion', 'Studies language models.', []],
      ['E1', 'exclusion', 'Is a survey.', []],
    ]);
  });
  it('numbers entries without an id by kind and position; reads "sentence" for "text"; trims', () => {
    expect(rows('inclusion:\n  - text: "  First.  "\n  - sentence: Second.\nexclusion:\n  - text: Third.\n    terms: [" Survey ", survey, "", Review]\n', 'c.yaml')).toEqual([
      ['I1', 'inclusion', 'First.', []],
      ['I2', 'inclusion', 'Second.', []],
      ['E1', 'exclusion', 'Third.', ['survey', 'review']],
    ]);
  });
  it('a file with only inclusion or only exclusion criteria is enough', () => {
    expect(rows('exclusion:\n  - Is a survey.\n', 'c.yaml')).toEqual([['E1', 'exclusion', 'Is a survey.', []]]);
    expect(rows('## Inclusion\n- Studies LLMs.\n', 'c.md')).toEqual([['I1', 'inclusion', 'Studies LLMs.', []]]);
  });
  it('reads a mapping of ids to sentences or to criteria', () => {
    expect(rows('exclusion:\n  E7: Is a survey.\n  E8:\n    text: Is a position paper.\n    terms: [position]\n', 'c.yaml')).toEqual([
      ['E7', 'exclusion', 'Is a survey.', []],
      ['E8', 'exclusion', 'Is a position paper.', ['position']],
    ]);
  });
  it('numeric ids are kept as text', () => {
    expect(rows('inclusion:\n  - id: 12\n    text: A.\n', 'c.yaml')).toEqual([['12', 'inclusion', 'A.', []]]);
  });
  it.each([
    ['inclusion: [a\n', /^criteria file c.yaml: not valid YAML \(.+\)$/],
    ['- a\n- b\n', /expected a mapping with "inclusion" and\/or "exclusion" lists/],
    ['just a sentence\n', /expected a mapping/],
    ['', /expected a mapping/],
    ['inclusion: []\nscope: x\n', /unknown key "scope" \(expected inclusion, exclusion\)/],
    ['inclusion: 3\n', /"inclusion" must be a list/],
    ['exclusion: yes\n', /"exclusion" must be a list/],
    ['inclusion:\n  - 3\n', /inclusion entry 1 is not a criterion/],
    ['inclusion:\n  - A.\n  - null\n', /inclusion entry 2 is not a criterion/],
    ['exclusion:\n  - id: E1\n', /exclusion entry 1 has no "text"/],
    ['inclusion:\n  - A.\n  - text: B.\n    terms: llm\n', /inclusion entry 2: "terms" must be a list/],
    ['inclusion: []\nexclusion: []\n', /no criteria found/],
    ['inclusion:\n  - id: "bad id"\n    text: A.\n', /criterion id "bad id" must be letters, digits, "_", "." or "-"/],
    ['inclusion:\n  - id: -x\n    text: A.\n', /criterion id "-x" must be/],
    ['inclusion:\n  - id: I1\n    text: "  "\n', /criterion I1 has no sentence/],
    ['inclusion:\n  - "I1: a"\nexclusion:\n  - "i1: b"\n', /criterion id "i1" appears twice/],
  ])('refuses %j', (text, problem) => {
    const message = refusal(text, 'c.yaml');
    expect(message.startsWith('criteria file c.yaml: ')).toBe(true);
    expect(message).toMatch(problem);
  });
});

describe('criteria files: Markdown', () => {
  it('reads the items under each heading, any list marker, numbering each kind on its own', () => {
    const text = ['# My review', 'Some notes.', '', '### Inclusion criteria', '* Studies LLMs.', '+ I9) Reports results.', '2. Third one.', '## Exclusion criteria', '- A survey.', '  - Nested: a position paper.'].join('\r\n');
    expect(rows(text, 'c.md')).toEqual([
      ['I1', 'inclusion', 'Studies LLMs.', []],
      ['I9', 'inclusion', 'Reports results.', []],
      ['I3', 'inclusion', 'Third one.', []],
      ['E1', 'exclusion', 'A survey.', []],
      ['E2', 'exclusion', 'Nested: a position paper.', []],
    ]);
  });
  it('an id is a leading token with a digit or in capitals, bold or not, before ":", "." or ")"', () => {
    const text = ['## Inclusion', '- **P1**: Population.', '- POP. Population again.', '- Note: this is a sentence.', '- Q2.1: Dotted id.', '- pop: lower-case word, no digit.', '- FooBAR: mixed case, no digit.'].join('\n');
    expect(rows(text, 'c.md').map(([id, , sentence]) => [id, sentence])).toEqual([
      ['P1', 'Population.'],
      ['POP', 'Population again.'],
      ['I3', 'Note: this is a sentence.'],
      ['Q2.1', 'Dotted id.'],
      ['I5', 'pop: lower-case word, no digit.'],
      ['I6', 'FooBAR: mixed case, no digit.'],
    ]);
  });
  it('reads [terms: ...] and [term: ...] at the end of an item, split on commas and semicolons', () => {
    const text = ['## Inclusion', '- I1: Studies LLMs [terms: LLM, language model; GPT ]', '- I2: One term [Term: kv cache]  ', '- I3: Not at the end [terms: x] here.'].join('\n');
    expect(rows(text, 'c.md')).toEqual([
      ['I1', 'inclusion', 'Studies LLMs', ['llm', 'language model', 'gpt']],
      ['I2', 'inclusion', 'One term', ['kv cache']],
      ['I3', 'inclusion', 'Not at the end [terms: x] here.', []],
    ]);
  });
  it('a heading that is neither inclusion nor exclusion ends the list before it', () => {
    expect(() => rows('## Inclusion\n- I1: A.\n## Notes\n- a note\n', 'c.md')).toThrow(/criteria file c.md: line 4: a criterion outside an "Inclusion" or "Exclusion" heading/);
    expect(() => rows('- I1: A.\n## Inclusion\n', 'c.md')).toThrow(/line 1: a criterion outside/);
    expect(() => rows('#Inclusion\n- I1: A.\n', 'c.md')).toThrow(/line 2: a criterion outside/);
  });
  it('refuses a file without criteria', () => {
    expect(refusal('# Notes\nnothing here\n', 'c.md')).toBe('criteria file c.md: no criteria found');
  });
});

describe('parseCriteriaFile', () => {
  it('reads the file and names it as the source', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'litrev-criteria-'));
    const file = path.join(dir, 'criteria.yaml');
    await writeFile(file, 'inclusion:\n  - "I1: Studies language models."\n');
    expect(await parseCriteriaFile(file)).toEqual({ source: file, criteria: [{ id: 'I1', kind: 'inclusion', text: 'Studies language models.', terms: [] }] });
  });
  it('a file it cannot read: a ConfigError naming it', async () => {
    const err = await parseCriteriaFile('/nonexistent/criteria.yaml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^cannot read criteria file \/nonexistent\/criteria.yaml: .*ENOENT/);
  });
});
