import { labelReducer, type LabelAction, type LabelState } from '../../eval/label-session.js';

/** One keypress as Ink reports it (the fields the labelling screen uses). */
export interface KeyPress {
  input: string;
  rightArrow?: boolean;
  leftArrow?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

/** The screen's state: the session, how far the abstract is scrolled, and whether the labeller asked to leave. */
export interface ScreenState {
  session: LabelState;
  /** First abstract line shown (the view clamps it to the abstract's length). */
  scroll: number;
  quit: boolean;
}

/** Lines the abstract moves by for ↓/↑ (j/k) and for PgDn/PgUp (space/b). */
const LINE = 1;
const PAGE = 5;

function scrollBy(input: string, key: KeyPress): number {
  if (key.downArrow || input === 'j') return LINE;
  if (key.upArrow || input === 'k') return -LINE;
  if (key.pageDown || input === ' ') return PAGE;
  if (key.pageUp || input === 'b') return -PAGE;
  return 0;
}

function browseAction(input: string, key: KeyPress): LabelAction | 'quit' | null {
  if (key.rightArrow || key.return || input === 'n') return { type: 'next' };
  if (key.leftArrow || input === 'p') return { type: 'previous' };
  if (input === 'i') return { type: 'decide', decision: 'include' };
  if (input === 'e') return { type: 'decide', decision: 'exclude' };
  if (input === 'u') return { type: 'decide', decision: 'unsure' };
  if (input === 'z') return { type: 'undo' };
  if (input === '/') return { type: 'search-start' };
  if (input === 'q') return 'quit';
  if (/^[0-9]$/.test(input)) return { type: 'contribution', digit: Number(input) };
  return null;
}

function searchAction(key: KeyPress): LabelAction | null {
  if (key.return) return { type: 'search-submit' };
  if (key.escape) return { type: 'search-cancel' };
  if (key.backspace || key.delete) return { type: 'search-backspace' };
  if (key.input && !key.ctrl && !key.meta) return { type: 'search-input', text: key.input };
  return null;
}

/**
 * Fold one keypress into the screen state. Keys are read against the state they arrive in (a reducer,
 * not a render-time closure), so keys typed faster than the screen redraws are not misread. Several
 * characters in one read (a paste, or keys sent at once) are taken one by one.
 */
export function keyReducer(state: ScreenState, key: KeyPress): ScreenState {
  if (state.quit) return state;
  if (key.ctrl && key.input === 'c') return { ...state, quit: true };
  const chars = !key.ctrl && !key.meta && key.input.length > 1 ? [...key.input] : [key.input];
  let s = state;
  for (const input of chars) {
    const k = chars.length > 1 ? { input } : key;
    if (s.session.mode === 'search') {
      const action = searchAction(k);
      if (action) s = { ...s, session: labelReducer(s.session, action) };
      continue;
    }
    const scroll = scrollBy(input, k);
    if (scroll !== 0) {
      s = { ...s, scroll: Math.max(0, s.scroll + scroll) };
      continue;
    }
    const action = browseAction(input, k);
    if (action === 'quit') return { ...s, quit: true };
    if (action) {
      const session = labelReducer(s.session, action);
      s = { ...s, session, scroll: session.index === s.session.index ? s.scroll : 0 };
    }
  }
  return s;
}
