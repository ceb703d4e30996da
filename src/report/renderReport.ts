/**
 * Writes a report document as Markdown or as accessible HTML: one `h1`, a table of
 * contents, `h2` per section with an anchor, tables with captions and column headers
 * (`scope="col"`), numbers right-aligned, the page's language declared.
 */
import type { Block, ReportDocument } from './reportDocument.js';

/** Text as HTML. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const escapeMd = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report as Markdown. */
export function renderMarkdown(d: ReportDocument): string {
  const out: string[] = [`# ${d.title}`, '', ...d.meta.map((m) => `- **${m.label}:** ${m.value}`), ''];
  for (const s of d.sections) {
    out.push(`## ${s.title}`, '');
    for (const b of s.blocks) out.push(...markdownBlock(b), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function markdownBlock(b: Block): string[] {
  if (b.kind === 'p') return [b.text];
  if (b.kind === 'list') return b.items.map((i) => `- ${i}`);
  return [
    `| ${b.head.map(escapeMd).join(' | ')} |`,
    `| ${b.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...b.rows.map((r) => `| ${r.map(escapeMd).join(' | ')} |`),
  ];
}

const style = `
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .25rem; }
  h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #767676; break-after: avoid; }
  dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
  dl.meta dt { font-weight: bold; }
  dl.meta dd { margin: 0; }
  nav ol { columns: 2; }
  a { color: #0b4f8a; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 9.5pt; }
  caption { text-align: left; font-weight: bold; padding: .25rem 0; }
  th, td { border: 1px solid #949494; padding: .2rem .4rem; vertical-align: top; text-align: left; }
  th { background: #e8e8e8; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr { break-inside: avoid; }
  @media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

/** The report as one self-contained, accessible HTML page. */
export function renderHtml(d: ReportDocument): string {
  const e = escapeHtml;
  const sections = d.sections
    .map((s) => `<section aria-labelledby="h-${s.id}">\n<h2 id="h-${s.id}">${e(s.title)}</h2>\n${s.blocks.map(htmlBlock).join('\n')}\n</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${d.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(d.title)} – ${e(d.at)}</title>
<style>${style}</style>
</head>
<body>
<header>
<h1>${e(d.title)}</h1>
<dl class="meta">${d.meta.map((m) => `<dt>${e(m.label)}</dt><dd>${e(m.value)}</dd>`).join('')}</dl>
</header>
<nav aria-labelledby="h-contents">
<h2 id="h-contents">${d.lang === 'de' ? 'Inhalt' : 'Contents'}</h2>
<ol>${d.sections.map((s) => `<li><a href="#h-${s.id}">${e(s.title)}</a></li>`).join('')}</ol>
</nav>
<main>
${sections}
</main>
</body>
</html>
`;
}

function htmlBlock(b: Block): string {
  const e = escapeHtml;
  if (b.kind === 'p') return `<p>${e(b.text)}</p>`;
  if (b.kind === 'list') return `<ul>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  const cls = (i: number): string => (b.numeric[i] ? ' class="num"' : '');
  return `<table>
<caption>${e(b.caption)}</caption>
<thead><tr>${b.head.map((h, i) => `<th scope="col"${cls(i)}>${e(h)}</th>`).join('')}</tr></thead>
<tbody>
${b.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row"${cls(i)}>${e(c)}</th>` : `<td${cls(i)}>${e(c)}</td>`)).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}
