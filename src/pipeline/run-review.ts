import { emptyAnnotation, type Taxonomy } from '../review/annotation.js';
import { countPrisma } from '../review/prisma.js';
import { EventChannel } from '../async/event-channel.js';
import type { StageName } from '../review/stage-name.js';
import type { ReviewEvent } from './events.js';
import { StageAccountant } from './stage-accounting.js';
import type { ReviewRunOptions } from './review-run-options.js';
import { runStage } from './run-stage.js';
import { screenPapers } from './screen-papers.js';
import { checkQuotesSteps } from '../verify/quotes.js';
import { runStepsCooperatively } from '../review/cooperative-loop.js';

/**
 * The modules of the last stages (verification, outputs, the PRISMA appendix) are not needed on the
 * way to the first request: they load while it is out (or when first needed, offline).
 */
function finishingModules(): () => Promise<[typeof import('./verify-draft.js'), typeof import('./write-outputs.js'), typeof import('../report/prisma-section.js')]> {
  let loading: ReturnType<ReturnType<typeof finishingModules>> | undefined;
  return () => (loading ??= Promise.all([import('./verify-draft.js'), import('./write-outputs.js'), import('../report/prisma-section.js')]));
}

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
  const finishing = finishingModules();
  let preloading = false;
  const unsubscribe = o.gateway?.onEvent((event) => {
    if (event.type === 'request-started' && !preloading) {
      preloading = true;
      setImmediate(() => finishing().catch(() => undefined));
    }
    accountant.observe(event);
    emit({ type: 'model', event, accounting: o.gateway!.accounting() });
  });
  try {
    const topic = o.config.topic;
    // Loaded (with its YAML parser) only for a run with --criteria.
    const criteria = o.config.criteriaFile ? await (await import('../review/parse-criteria-file.js')).parseCriteriaFile(o.config.criteriaFile) : null;
    const screens = Boolean(topic || criteria);
    const stages: StageName[] = [...(screens ? (['screen'] as const) : []), 'classify', 'taxonomy', 'synthesize', 'verify', 'write', ...(o.index ? (['index'] as const) : [])];
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
    if (o.config.endpointWarning && o.config.engine === 'model') emit({ type: 'warning', message: o.config.endpointWarning });

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
    const taxonomy: Taxonomy = await runStage(emit, o.signal, 'taxonomy', null, 'steps', (ctx) =>
      o.taxonomyCategories
        ? o.engine.applyTaxonomy(papers, annotations, o.taxonomyCategories, ctx)
        : o.engine.induceTaxonomy(papers, annotations, ctx),
    );
    if (o.engine.kind === 'offline' && o.promptDir) {
      emit({ type: 'warning', message: `--prompts ${o.promptDir}: the offline engine uses no prompts, so this folder changes nothing (give a model to use it)` });
    }
    if (o.config.repeat > 1 && !o.repeatEngines?.length) {
      emit({ type: 'warning', message: `--repeat ${o.config.repeat}: the ${o.engine.kind} engine is deterministic, so there is nothing to sample` });
    }
    const stability = o.repeatEngines?.length
      ? await (await import('./measure-stability.js')).measureStability(o.repeatEngines, papers, { annotations, taxonomy }, o.signal, emit)
      : undefined;
    const draft = await runStage(emit, o.signal, 'synthesize', taxonomy.categories.length + 1, 'sections', (ctx) =>
      o.engine.synthesize({ papers, annotations, taxonomy, ...(topic ? { topic } : {}) }, ctx),
    );

    const [{ verifyDraft }, { writeReviewOutputs }, { renderPrismaSection }] = await finishing();
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
      for (const line of result.warnings) ctx.warn(line);
      emit({ type: 'verification', summary: result.report.summary });
      ctx.progress(allAnnotations.length, allAnnotations.length, 0);
      return result;
    });
    const written = await runStage(emit, o.signal, 'write', null, 'steps', async (ctx) => {
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
        ...(draft.failedParts?.length ? { failedParts: draft.failedParts } : {}),
      });
      return summary;
    });
    if (o.index) await runStage(emit, o.signal, 'index', null, 'papers', o.index);
    emit({ type: 'run-finished', summary: written });
  } finally {
    unsubscribe?.();
    await o.gateway?.close();
  }
}
