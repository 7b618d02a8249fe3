import type { PackSection, ReviewPack } from './review-pack.js';

const day = (iso: string) => iso.slice(0, 10);
const heading = (p: ReviewPack) => `Portfolio review — ${p.tenant}`;
const period = (p: ReviewPack) => `Period ${day(p.periodFrom)} to ${day(p.periodTo)}, generated ${p.generatedAt.slice(0, 16).replace('T', ' ')} UTC`;
const EMPTY = 'Nothing in the period.';

/** Markdown passes HTML through to most renderers: what people wrote is escaped, as in the HTML pack. */
const mdText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const mdCell = (s: string) => mdText(s).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

function mdSection(s: PackSection, n: number): string {
  const lines = [`## ${n}. ${s.title}`, '', s.wired ? mdText(s.summary) : `> **Not wired.** ${mdText(s.summary)}`, ''];
  if (s.table) {
    if (s.table.rows.length === 0) lines.push(`_${EMPTY}_`, '');
    else {
      lines.push(`| ${s.table.columns.map(mdCell).join(' | ')} |`, `|${s.table.columns.map(() => ' --- ').join('|')}|`);
      for (const row of s.table.rows) lines.push(`| ${row.map(mdCell).join(' | ')} |`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

/** The pack as Markdown, for the wiki or the minutes. */
export function renderMarkdown(p: ReviewPack): string {
  return [`# ${mdText(heading(p))}`, '', `_${period(p)}_`, '', ...p.sections.map((s, i) => mdSection(s, i + 1))].join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function htmlSection(s: PackSection, n: number): string {
  const table = !s.table
    ? ''
    : s.table.rows.length === 0
      ? `<p class="empty">${EMPTY}</p>`
      : `<table><thead><tr>${s.table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
          .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  const summary = s.wired ? `<p class="summary">${esc(s.summary)}</p>` : `<p class="not-wired" role="note"><strong>Not wired.</strong> ${esc(s.summary)}</p>`;
  return `<section id="${s.key}"><h2>${n}. ${esc(s.title)}</h2>${summary}${table}</section>`;
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1f24; margin: 0 auto; max-width: 62rem; padding: 1rem; }
h1 { font-size: 18pt; margin: 0 0 .2rem; }
.period { color: #57606a; margin: 0 0 1.2rem; }
nav ol { columns: 2; margin: 0 0 1rem; padding-left: 1.2rem; }
h2 { font-size: 13pt; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin: 1.4rem 0 .5rem; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #d0d7de; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
tr { break-inside: avoid; }
.not-wired { background: #fff8e6; border-left: 4px solid #b7791f; padding: .4rem .6rem; }
.empty { color: #57606a; font-style: italic; }
`;

/** The pack as one self-contained HTML page (no external resources), printable to PDF. */
export function renderHtml(p: ReviewPack): string {
  const toc = p.sections.map((s) => `<li><a href="#${s.key}">${esc(s.title)}</a>${s.wired ? '' : ' (not wired)'}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(heading(p))}</title><style>${STYLE}</style></head><body><main><h1>${esc(heading(p))}</h1><p class="period">${esc(period(p))}</p><nav aria-label="Sections"><ol>${toc}</ol></nav>${p.sections
    .map((s, i) => htmlSection(s, i + 1))
    .join('')}</main></body></html>`;
}
