import type { GateDecision } from './gate.js';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * A gate decision as JUnit XML, one test case per criterion, so CI systems show which criterion stopped a release.
 * A failed criterion is a `<failure type="failed">`, missing evidence a `<failure type="missing-evidence">`.
 */
export function gateDecisionJunit(decision: GateDecision, suite: { name: string; timestamp?: string }): string {
  const failures = decision.counts.fail + decision.counts.missing;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="charter release gate" tests="${decision.criteria.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${escapeXml(suite.name)}" tests="${decision.criteria.length}" failures="${failures}" errors="0" skipped="0"${suite.timestamp ? ` timestamp="${escapeXml(suite.timestamp)}"` : ''}>`,
  ];
  for (const c of decision.criteria) {
    const open = `    <testcase classname="charter.gate.${escapeXml(c.kind)}" name="${escapeXml(c.id)}"`;
    const detail = `value: ${c.value === null ? 'none' : String(c.value)}; threshold: ${c.threshold}${c.evidence.length ? `; evidence: ${c.evidence.join(' ')}` : ''}`;
    if (c.status === 'pass') {
      lines.push(`${open}>`, `      <system-out>${escapeXml(`${c.reason}. ${detail}`)}</system-out>`, '    </testcase>');
    } else {
      const type = c.status === 'fail' ? 'failed' : 'missing-evidence';
      lines.push(`${open}>`, `      <failure type="${type}" message="${escapeXml(c.reason)}">${escapeXml(detail)}</failure>`, '    </testcase>');
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
