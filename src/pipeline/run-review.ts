import { emptyAnnotation, type Taxonomy } from '../review/annotation.js';
import { parseCriteriaFile } from '../review/parse-criteria-file.js';
import { countPrisma } from '../review/prisma.js';
import { renderPrismaSection } from '../report/prisma-section.js';
import { EventChannel } from '../async/event-channel.js';
import type { StageName } from '../review/stage-name.js';
import type { ReviewEvent } from './events.js';
import { measureStability } from './measure-stability.js';
import { StageAccountant } from './stage-accounting.js';
import type { ReviewRunOptions } from './review-run-options.js';
import { runStage } from './run-stage.js';
import { screenPapers } from './screen-papers.js';
import { checkQuotesSteps } from '../verify/quotes.js';
import { runStepsCooperatively } from '../review/cooperative-loop.js';
import { verifyDraft } from './verify-draft.js';
import { writeReviewOutputs } from './write-outputs.js';


/**
 * The whole review as an async stream of typed events. The consumers (Ink dashboard, plain lines,
 * --json) only listen; nothing here prints.
 */
export function runReview(options: ReviewRunOptions): AsyncIterable<ReviewEvent> {
  const channel = new EventChannel<ReviewEvent>();
  execute(options, (e) => channel.push(e)).then(
    () => channel.close(),
    (err: unknown) => channel.fail(err),
  );
  return channel;
}

async function execute(o: ReviewRunOptions, emit: (e: ReviewEvent) => void): Promise<void> {
  const started = Date.now();
  const createdAt = new Date(started).toISOString();
  const accountant = new StageAccountant();
  const unsubscribe = o.gateway?.onEvent((event) => {
    accountant.observe(event);
    emit({ type: 'model', event, accounting: o.gateway!.accounting() });
  });
  try {
    const topic = o.config.topic;
    const criteria = o.config.criteriaFile ? await parseCriteriaFile(o.config.criteriaFile) : null;
    const screens = Boolean(topic || criteria);
    const stages: StageName[] = [...(screens ? (['screen'] as const) : []), 'classify', 'taxonomy', 'synthesize', 'verify', 'write'];
    emit({
      type: 'run-started',
      runId: o.runId,
      outDir: o.outDir,
      engine: o.engine.kind,
      engineReason: o.config.engineReason,
      model: o.gateway?.modelName ?? null,
      papers: o.corpus.papers.length,
      stages,
    });

    const all = o.corpus.papers;
    const { kept: papers, relevance, screenings } = await screenPapers(o, criteria, emit);
    const screeningOf = (id: string) => {
      const s = screenings.get(id);
      return s ? { screening: s } : {};
    };
    const excluded = all.flatMap((p) => {
      const r = relevance.get(p.id);
      return r && !r.relevant ? [emptyAnnotation(p.id, 'excluded', { relevance: r, ...screeningOf(p.id) })] : [];
    });

    const classified = await runStage(emit, o.signal, 'classify', papers.length, 'papers', (ctx) => o.engine.classify(papers, ctx));
    const annotations = classified.map((a) => {
      const r = relevance.get(a.paperId);
      return r ? { ...a, relevance: r, ...screeningOf(a.paperId) } : a;
    });
    const taxonomy: Taxonomy = await runStage(emit, o.signal, 'taxonomy', 1, 'steps', (ctx) =>
      o.taxonomyCategories
        ? o.engine.applyTaxonomy(papers, annotations, o.taxonomyCategories, ctx)
        : o.engine.induceTaxonomy(papers, annotations, ctx),
    );
    if (o.config.repeat > 1 && !o.repeatEngines?.length) {
      emit({ type: 'warning', message: `--repeat ${o.config.repeat}: the ${o.engine.kind} engine is deterministic, so there is nothing to sample` });
    }
    const stability = o.repeatEngines?.length
      ? await measureStability(o.repeatEngines, papers, { annotations, taxonomy }, o.signal, emit)
      : undefined;
    const draft = await runStage(emit, o.signal, 'synthesize', taxonomy.categories.length + 1, 'sections', (ctx) =>
      o.engine.synthesize({ papers, annotations, taxonomy, ...(topic ? { topic } : {}) }, ctx),
    );

    const allAnnotations = [...annotations, ...excluded];
    const prisma = countPrisma(all, allAnnotations);
    const verified = await runStage(emit, o.signal, 'verify', allAnnotations.length, 'papers', async (ctx) => {
      // The quote checks are one per claim of every paper: run cooperatively, with progress (100,000 papers).
      const quoteChecks = await runStepsCooperatively(checkQuotesSteps(all, allAnnotations), {
        signal: ctx.signal,
        what: 'verify',
        progress: (p) => ctx.progress(p.done, p.total, 0),
      });
      const result = verifyDraft(draft, { papers: all, annotations: allAnnotations, taxonomy }, { strict: o.config.strict, appendix: renderPrismaSection(prisma, criteria, all, allAnnotations), quoteChecks });
      emit({ type: 'verification', summary: result.report.summary });
      ctx.progress(allAnnotations.length, allAnnotations.length, 0);
      return result;
    });
    const written = await runStage(emit, o.signal, 'write', 1, 'steps', async (ctx) => {
      const summary = await writeReviewOutputs({
        progress: (done, total) => ctx.progress(done, total, 0),
        options: o,
        papers: all,
        annotations: allAnnotations,
        taxonomy,
        verified,
        prisma,
        criteria,
        createdAt,
        started,
        stageAccounting: () => accountant.snapshot(),
        ...(stability ? { stability } : {}),
      });
      return summary;
    });
    emit({ type: 'run-finished', summary: written });
  } finally {
    unsubscribe?.();
    await o.gateway?.close();
  }
}
