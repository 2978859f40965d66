import type { Paper } from '../../corpus/paper.js';
import type { Annotation } from '../../review/annotation.js';
import type { PaperLabel } from './paper-label.js';

/** One paper of a section with what the comparison needs. */
export interface SectionPaper {
  paper: Paper;
  annotation: Annotation;
  label: PaperLabel;
}
