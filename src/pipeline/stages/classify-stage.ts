import type { Paper } from '../../corpus/paper.js';
import { titleAbstractBlock } from '../../prompts/paper-block.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import { verbatimQuote } from '../../verify/quotes.js';
import { emptyAnnotation, type Annotation, type Claim } from '../../review/annotation.js';
import type { StageContext } from '../../review/engine.js';
import { ClassifyBatchSchema, type PaperAnnotationOutput } from './reply-schemas.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { runBatchedStage } from './run-batched-stage.js';
import { shrinkPaper } from './shrink-paper.js';

/** Classify papers in batches: contribution type, problem, method, entities and claims with quotes. */
export async function classifyWithModel(deps: ModelStageDeps, papers: Paper[], ctx: StageContext): Promise<Annotation[]> {
  const prompt = deps.prompts.classify;
  const byId = new Map(papers.map((p) => [p.id, p]));
  // Each answer's quotes are checked as its batch comes back (the last batch then leaves little to do).
  const checked = new Map<string, CheckedClaims>();
  const { results, failures } = await runBatchedStage<Paper, PaperAnnotationOutput>(
    deps,
    {
      stage: 'classify',
      ledgerIdentity: { prompt: prompt.hash },
      items: papers,
      itemText: titleAbstractBlock,
      messages: (items) => renderPrompt(prompt, { papers: items.map(titleAbstractBlock).join('\n\n') }),
      schemaName: 'paper_annotations',
      schema: ClassifyBatchSchema,
      shrink: shrinkPaper,
      label: (p) => p.key,
      onAnswer: (id, out) => {
        const paper = byId.get(id);
        if (paper) checked.set(id, checkClaims(paper, out));
      },
    },
    ctx,
  );
  return papers.map((paper) => {
    const out = results.get(paper.id);
    if (!out) return emptyAnnotation(paper.id, 'failed', { error: failures.get(paper.id) ?? 'no annotation returned' });
    return toAnnotation(paper, out, checked.get(paper.id) ?? checkClaims(paper, out), ctx);
  });
}

interface CheckedClaims {
  claims: Claim[];
  rejectedClaims: NonNullable<Annotation['rejectedClaims']>;
}

/** The claims whose quotes are verbatim in the abstract (kept as the abstract writes them), and the others. */
function checkClaims(paper: Paper, out: PaperAnnotationOutput): CheckedClaims {
  const claims: Claim[] = [];
  const rejectedClaims: NonNullable<Annotation['rejectedClaims']> = [];
  for (const c of out.claims) {
    // Checked against what the model was shown, and kept as the abstract writes it.
    const quote = verbatimQuote(c.quote, paper.abstract);
    if (quote !== null) claims.push({ ...c, quote });
    else rejectedClaims.push({ claim: c, reason: 'quote is not verbatim in the abstract' });
  }
  return { claims, rejectedClaims };
}

/** The annotation of one answered paper; its dropped claims are warned about here, in the papers' order. */
function toAnnotation(paper: Paper, out: PaperAnnotationOutput, { claims, rejectedClaims }: CheckedClaims, ctx: StageContext): Annotation {
  if (rejectedClaims.length > 0) {
    ctx.warn(`${paper.key}: ${rejectedClaims.length} claim(s) dropped, their quotes are not verbatim in the abstract`);
  }
  return {
    paperId: paper.id,
    status: 'ok',
    contributionType: out.contributionType,
    problem: out.problem.trim(),
    methodFamily: out.methodFamily.trim(),
    methodSummary: out.methodSummary.trim(),
    tasks: out.tasks,
    datasets: out.datasets,
    models: out.models,
    claims,
    ...(rejectedClaims.length > 0 ? { rejectedClaims } : {}),
  };
}
