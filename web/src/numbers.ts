/**
 * Numbers as people type them, in German or English (`0,98`, `0.98`, `1.234,5`, `1,234.5`).
 * A text that is not a number is reported as such, never read as "no value": an edit form must
 * not turn a typo into a deletion (docs/ui.md, "Editing").
 */

/**
 * The number a text means, or undefined when it is not one. Both decimal separators are
 * accepted in either language; only a lone separator followed by exactly three digits
 * (`1.234`, `1,234`) is ambiguous, and is read as the language writes thousands
 * (German `1.234` = 1234, English `1,234` = 1234).
 */
export function parseNumber(text: string, lang: 'de' | 'en'): number | undefined {
  const m = /^([+-]?)([\d.,]*)$/.exec(text.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-'));
  if (!m || !/\d/.test(m[2]!)) return undefined;
  const sign = m[1]!;
  const body = m[2]!;
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let decimal: '.' | ',' | null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastDot < 0 && lastComma < 0) decimal = null;
  else {
    const sep = lastDot >= 0 ? '.' : ',';
    const thousands = new RegExp(`^[1-9]\\d{0,2}(\\${sep}\\d{3})+$`).test(body);
    if (body.split(sep).length > 2) {
      // Several of one separator can only be thousands.
      if (!thousands) return undefined;
      decimal = null;
    } else decimal = thousands && sep === (lang === 'de' ? '.' : ',') ? null : sep;
  }
  let int = body;
  let frac = '';
  if (decimal) {
    const i = body.lastIndexOf(decimal);
    int = body.slice(0, i);
    frac = body.slice(i + 1);
    if (!/^\d+$/.test(frac) || int.includes(decimal)) return undefined;
  }
  if (/[.,]/.test(int)) {
    const group = decimal === ',' ? '.' : ',';
    const sep = decimal ? group : int.includes('.') ? '.' : ',';
    if (!new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(int)) return undefined;
    int = int.replaceAll(sep, '');
  }
  return Number(`${sign}${int || '0'}.${frac || '0'}`);
}
