import { verificationPassed, type VerificationReport } from '../verify/verification-report.js';

/** verification.json: whether everything checked out, the counts, and every item checked. */
export function renderVerificationJson(report: VerificationReport): string {
  return `${JSON.stringify({ passed: verificationPassed(report.summary), ...report }, null, 2)}\n`;
}
