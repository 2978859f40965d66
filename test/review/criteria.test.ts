import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { applyRule, criterionRule, screenCriteriaOffline } from '../../src/offline/screen-criteria.js';
import { decideScreening, type Criterion, type CriterionAnswer } from '../../src/review/criteria.js';
import { parseCriteriaText } from '../../src/review/parse-criteria-file.js';
import { ConfigError } from '../../src/errors.js';

const inc = (id: string, terms: string[] = []): Criterion => ({ id, kind: 'inclusion', text: `criterion ${id}`, terms });
const exc = (id: string, terms: string[] = []): Criterion => ({ id, kind: 'exclusion', text: `criterion ${id}`, terms });
const ans = (criterion: string, answer: CriterionAnswer['answer']): CriterionAnswer => ({ criterion, answer, reason: '', quote: null });

describe('decideScreening (computed in code, recall first)', () => {
  const criteria = [inc('I1'), inc('I2'), exc('E1')];
  it('includes when every inclusion is met or unclear and no exclusion is met', () => {
    expect(decideScreening(criteria, [ans('I1', 'met'), ans('I2', 'unclear'), ans('E1', 'unclear')]).decision).toBe('include');
    expect(decideScreening(criteria, [ans('I1', 'unclear'), ans('I2', 'unclear'), ans('E1', 'not-met')]).decision).toBe('include');
  });
  it('excludes on an inclusion not met or an exclusion met, naming every such criterion in file order', () => {
    const s = decideScreening(criteria, [ans('E1', 'met'), ans('I2', 'not-met'), ans('I1', 'met')]);
    expect(s).toMatchObject({ decision: 'exclude', excludedBy: ['I2', 'E1'] });
    expect(s.answers.map((a) => a.criterion)).toEqual(['I1', 'I2', 'E1']);
  });
  it('counts a criterion without an answer as unclear', () => {
    const s = decideScreening(criteria, [ans('I1', 'met')]);
    expect(s.decision).toBe('include');
    expect(s.answers[1]).toMatchObject({ criterion: 'I2', answer: 'unclear', reason: 'no answer for this criterion' });
  });
});

describe('criteria files', () => {
  it('reads YAML lists, string entries and mappings', () => {
    const set = parseCriteriaText(
      ['inclusion:', '  - id: pop', '    text: Studies language models.', '    terms: [LLM, "language model"]', '  - "I2: Reports an evaluation."',
        'exclusion:', '  E1: Is a survey.'].join('\n'),
      'c.yaml',
    );
    expect(set.criteria).toEqual([
      { id: 'pop', kind: 'inclusion', text: 'Studies language models.', terms: ['llm', 'language model'] },
      { id: 'I2', kind: 'inclusion', text: 'Reports an evaluation.', terms: [] },
      { id: 'E1', kind: 'exclusion', text: 'Is a survey.', terms: [] },
    ]);
  });
  it('reads Markdown headings and list items, with optional ids and [terms: ...]', () => {
    const set = parseCriteriaText(
      ['# Criteria', '## Inclusion criteria', '- I1: Studies language models [terms: llm, transformer]', '- Reports results on a benchmark.',
        '## Exclusion', '1. **E1**: Is a position paper.'].join('\n'),
      'c.md',
    );
    expect(set.criteria.map((c) => [c.id, c.kind, c.text, c.terms])).toEqual([
      ['I1', 'inclusion', 'Studies language models', ['llm', 'transformer']],
      ['I2', 'inclusion', 'Reports results on a benchmark.', []],
      ['E1', 'exclusion', 'Is a position paper.', []],
    ]);
  });
  it('refuses duplicate ids, unknown keys, bad YAML and empty files with a reason naming the file', () => {
    expect(() => parseCriteriaText('inclusion:\n  - "I1: a"\n  - "I1: b"\n', 'dup.yaml')).toThrow(/dup.yaml: criterion id "I1" appears twice/);
    expect(() => parseCriteriaText('include:\n  - a\nscope: x\n', 'k.yaml')).toThrow(/unknown key "scope"/);
    expect(() => parseCriteriaText('inclusion: [a\n', 'bad.yaml')).toThrow(/bad.yaml: not valid YAML/);
    expect(() => parseCriteriaText('# Notes\nnothing here\n', 'empty.md')).toThrow(ConfigError);
  });
});

function paper(title: string, abstract: string): Paper {
  return { id: title, key: title, title, titleDerived: false, abstract, authors: [], sources: [] };
}

describe('offline criteria rules', () => {
  const kv = paper('KV cache quantization for LLM serving', 'We compress the key-value cache to 2 bits. Memory drops by 4x.');
  it('listed terms: one found is met, and the reason states the rule and what was found', () => {
    const a = applyRule(criterionRule(inc('I1', ['kv cache', 'pruning'])), kv);
    expect(a.answer).toBe('met');
    expect(a.reason).toBe('found "kv cache"; not "pruning" (rule: any of "kv cache", "pruning")');
    expect(a.quote).toBe('KV cache quantization for LLM serving');
  });
  it('listed terms: none found is not met for an exclusion criterion, and not judged for an inclusion one', () => {
    expect(applyRule(criterionRule(exc('E1', ['survey'])), kv)).toMatchObject({ answer: 'not-met', quote: null });
    const i = applyRule(criterionRule(inc('I1', ['robot'])), kv);
    expect(i).toMatchObject({ answer: 'unclear', quote: null });
    expect(i.reason).toMatch(/not judged offline/);
  });
  it('an exclusion criterion is met by words in the title; in the abstract alone it is unclear', () => {
    expect(applyRule(criterionRule(exc('E1', ['quantization'])), kv).answer).toBe('met');
    const abstractOnly = applyRule(criterionRule(exc('E1', ['memory'])), kv);
    expect(abstractOnly.answer).toBe('unclear');
    expect(abstractOnly.reason).toMatch(/abstract only/);
  });
  it("the sentence's words: half found is met, fewer is not judged (unclear)", () => {
    const c = (text: string): Criterion => ({ id: 'X', kind: 'inclusion', text, terms: [] });
    expect(applyRule(criterionRule(c('Compresses the memory of serving.')), kv).answer).toBe('met');
    expect(applyRule(criterionRule(c('Saves memory with distillation, pruning and sparsity.')), kv).answer).toBe('unclear');
    expect(applyRule(criterionRule(c('Robotics manipulation benchmarks.')), kv).answer).toBe('unclear');
  });
  it('never says "not met" on a title alone', () => {
    const titleOnly = paper('A robotics paper', '');
    const a = applyRule(criterionRule(inc('I1', ['llm'])), titleOnly);
    expect(a.answer).toBe('unclear');
    expect(a.reason).toMatch(/title only/);
  });
  it('screens every paper against every criterion', () => {
    const other = paper('Robot grasping', 'We study grasping with robot arms.');
    const survey = paper('A survey of robot grasping', 'We review grasping.');
    const set = { source: 'x', criteria: [inc('I1', ['llm']), exc('E1', ['survey'])] };
    const out = screenCriteriaOffline([kv, other, survey], set);
    expect(out.get(kv.title)!.decision).toBe('include');
    // Recall first: a missing word is no evidence; only an exclusion criterion met sets a paper aside.
    expect(out.get(other.title)).toMatchObject({ decision: 'include', excludedBy: [] });
    expect(out.get(survey.title)).toMatchObject({ decision: 'exclude', excludedBy: ['E1'] });
  });
});

describe('offline criteria: conflicting evidence', () => {
  it('an exclusion met on a paper whose words meet every inclusion criterion is left to a person', () => {
    const review = paper('Reminders for physicians: a systematic review', 'We review reminder interventions aimed at physicians.');
    const set = { source: 'x', criteria: [inc('I1', ['reminder']), exc('E1', ['review'])] };
    const out = screenCriteriaOffline([review], set).get(review.title)!;
    expect(out.decision).toBe('include');
    expect(out.answers[1]).toMatchObject({ criterion: 'E1', answer: 'unclear' });
    expect(out.answers[1]!.reason).toMatch(/conflicting words, not judged offline/);
  });
});
