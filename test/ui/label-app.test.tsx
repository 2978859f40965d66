import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Label, LabelItem } from '../../src/eval/label-item.js';
import { startSession } from '../../src/eval/label-session.js';
import { LabelApp } from '../../src/ui/label/label-app.js';
import { waitFor } from '../support/ink-screen.js';

const items: LabelItem[] = [
  { id: 'p1', key: 'kivi2024', title: 'KIVI: 2-bit KV cache', authors: ['Z. Liu', 'J. Yuan'], year: 2024, abstract: 'We quantize the KV cache.',
    suggestion: { included: true, status: 'ok', category: 'Quantization', contributionType: 'method', unclear: 1, excludedBy: [] } },
  { id: 'p2', key: 'robot2023', title: 'Robot grasping', authors: [], year: null, abstract: '',
    suggestion: { included: false, status: 'excluded', category: null, contributionType: null, unclear: 0, excludedBy: ['I1'] } },
];

describe('LabelApp', () => {
  it('shows the paper and the run suggestion, saves every change at once, and reports agreement', async () => {
    const saves: Label[][] = [];
    const app = render(<LabelApp initial={startSession(items, [])} file="gold.jsonl" save={async (l) => void saves.push(l)} />);
    const frame = () => app.lastFrame() ?? '';
    await waitFor(() => frame().includes('KIVI'), 'first paper');
    expect(frame()).toContain('[1/2] kivi2024 · not labelled yet');
    expect(frame()).toContain('Z. Liu, J. Yuan · 2024');
    expect(frame()).toContain('run: included · category Quantization · type method · 1 unclear');
    expect(frame()).toContain('0 of 2 labelled');
    expect(frame()).toContain('Keys label the paper shown and stay on it');
    app.stdin.write('1');
    await waitFor(() => saves.length === 1, 'save after the type');
    expect(saves[0]).toEqual([{ key: 'kivi2024', id: 'p1', title: 'KIVI: 2-bit KV cache', relevant: null, label: null, contributionType: 'method' }]);
    app.stdin.write('i');
    await waitFor(() => frame().includes('kivi2024 labelled include'), 'decision on the same paper');
    await waitFor(() => saves.length === 2, 'save after the decision');
    app.stdin.write('n');
    await waitFor(() => frame().includes('Robot grasping'), 'second paper');
    expect(frame()).toContain('run: excluded by I1');
    expect(frame()).toContain('(no abstract)');
    expect(frame()).toContain('1 of 2 labelled · agrees with the run 1/1');
    app.stdin.write('i');
    await waitFor(() => frame().includes('agrees with the run 1/2'), 'disagreement counted');
    app.stdin.write('z');
    await waitFor(() => frame().includes('undone'), 'undo');
    await waitFor(() => saves.length === 4, 'save after the undo');
    expect(saves.at(-1)!.map((l) => l.id)).toEqual(['p1']);
    app.stdin.write('/');
    app.stdin.write('kivi');
    await waitFor(() => frame().includes('key: kivi'), 'search prompt');
    app.stdin.write('\r');
    await waitFor(() => frame().includes('[1/2] kivi2024 · labelled: include · type method'), 'search result');
    app.unmount();
  });
});
