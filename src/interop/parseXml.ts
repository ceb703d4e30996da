/**
 * A small, strict XML reader for the network files Verbund imports (GraphML, SNDlib XML).
 *
 * Why not a dependency: these files use plain elements, attributes, text, comments and the
 * five predefined entities, and every element must carry its line so that a problem found
 * later (an edge to an unknown node, a duplicate id) points into the file. The reader checks
 * well-formedness (matching tags, quoted attributes, no duplicate attributes, known entities,
 * one root) and refuses a DOCTYPE with an internal subset, so no entity expansion can blow up.
 * It does not validate against a schema and keeps namespace prefixes out of element names.
 */
import { TextDecoder } from 'node:util';

/** One element: local name (namespace prefix removed), attributes, children and direct text. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /**
   * The element's own text content (CDATA included), child elements' text excluded. Runs of
   * only white space between tags are left out (these formats have no mixed content).
   */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** A well-formedness error with its place. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses `text` into its root element; throws {@link XmlSyntaxError} with line and column. */
export function parseXml(text: string): XmlElement {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const where = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const fail = (message: string, offset: number): never => {
    const { line, column } = where(offset);
    throw new XmlSyntaxError(message, line, column);
  };
  const decode = (raw: string, offset: number): string => {
    if (raw.indexOf('&') < 0) return raw;
    return raw.replace(/&([^;&\s<]*);?/g, (match, ref: string, at: number) => {
      if (!match.endsWith(';')) return fail(`"&" must start an entity such as &amp; (found "${match.slice(0, 12)}")`, offset + at);
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
        const digits = ref[1] === 'x' ? /^#x[0-9a-fA-F]+$/ : /^#[0-9]+$/;
        if (!digits.test(ref) || !(code > 0 && code <= 0x10ffff)) return fail(`invalid character reference "&${ref};"`, offset + at);
        return String.fromCodePoint(code);
      }
      const value = ENTITIES[ref];
      if (value === undefined) return fail(`unknown entity "&${ref};"`, offset + at);
      return value;
    });
  };

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Open elements with their qualified names (for matching end tags).
  const stack: Node[] = [];
  const qnames: string[] = [];
  let root: Node | undefined;
  const n = text.length;

  while (pos < n) {
    const lt = text.indexOf('<', pos);
    const end = lt < 0 ? n : lt;
    if (end > pos) {
      const raw = text.slice(pos, end);
      const top = stack[stack.length - 1];
      const blank = !/\S/.test(raw);
      if (top) {
        if (!blank) top.text += decode(raw, pos);
      } else if (!blank) fail('text outside the root element', pos + raw.search(/\S/));
      if (raw.includes(']]>')) fail('"]]>" is not allowed in text', pos + raw.indexOf(']]>'));
    }
    if (lt < 0) break;
    pos = lt;
    if (text.startsWith('<!--', pos)) {
      const close = text.indexOf('-->', pos + 4);
      if (close < 0) fail('unclosed comment', pos);
      pos = close + 3;
    } else if (text.startsWith('<![CDATA[', pos)) {
      const close = text.indexOf(']]>', pos + 9);
      if (close < 0) fail('unclosed CDATA section', pos);
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element', pos);
      top!.text += text.slice(pos + 9, close);
      pos = close + 3;
    } else if (text.startsWith('<?', pos)) {
      const close = text.indexOf('?>', pos + 2);
      if (close < 0) fail('unclosed processing instruction', pos);
      if (/^<\?xml\s/i.test(text.slice(pos, pos + 6)) && pos !== (text.charCodeAt(0) === 0xfeff ? 1 : 0)) fail('the XML declaration must come first', pos);
      pos = close + 2;
    } else if (text.startsWith('<!DOCTYPE', pos)) {
      if (root || stack.length) fail('DOCTYPE after the root element', pos);
      const close = text.indexOf('>', pos);
      if (close < 0) fail('unclosed DOCTYPE', pos);
      if (text.slice(pos, close).includes('[')) fail('a DOCTYPE with an internal subset is not supported', pos);
      pos = close + 1;
    } else if (text.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(text);
      if (!m) fail('malformed end tag', pos);
      const name = m![0];
      let p = pos + 2 + name.length;
      while (p < n && isSpace(text.charCodeAt(p))) p++;
      if (text[p] !== '>') fail(`malformed end tag </${name}`, p);
      const top = stack.pop();
      const open = qnames.pop();
      if (!top) fail(`end tag </${name}> without a start tag`, pos);
      if (open !== name) fail(`end tag </${name}> does not match <${open}> (line ${top!.line})`, pos);
      pos = p + 1;
    } else {
      const start = pos;
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(text);
      if (!m) fail('"<" must start a tag (write &lt; in text)', pos);
      const qname = m![0];
      let p = pos + 1 + qname.length;
      const attrs: Record<string, string> = {};
      let selfClosing = false;
      for (;;) {
        const before = p;
        while (p < n && isSpace(text.charCodeAt(p))) p++;
        if (p >= n) fail(`unclosed start tag <${qname}>`, start);
        if (text[p] === '>') {
          p++;
          break;
        }
        if (text[p] === '/' && text[p + 1] === '>') {
          p += 2;
          selfClosing = true;
          break;
        }
        if (p === before) fail(`expected whitespace, ">" or "/>" in <${qname}>`, p);
        NAME.lastIndex = p;
        const a = NAME.exec(text);
        if (!a) fail(`malformed attribute in <${qname}>`, p);
        const attr = a![0];
        const attrAt = p;
        p += attr.length;
        while (p < n && isSpace(text.charCodeAt(p))) p++;
        if (text[p] !== '=') fail(`attribute ${attr} of <${qname}> has no value`, p);
        p++;
        while (p < n && isSpace(text.charCodeAt(p))) p++;
        const quote = text[p];
        if (quote !== '"' && quote !== "'") fail(`the value of attribute ${attr} must be quoted`, p);
        const close = text.indexOf(quote!, p + 1);
        if (close < 0) fail(`unclosed value of attribute ${attr}`, p);
        const raw = text.slice(p + 1, close);
        if (raw.includes('<')) fail(`"<" inside the value of attribute ${attr}`, p + 1 + raw.indexOf('<'));
        const key = attr.startsWith('xmlns') ? attr : localName(attr);
        if (Object.prototype.hasOwnProperty.call(attrs, key)) fail(`duplicate attribute ${attr} in <${qname}>`, attrAt);
        // Attribute values normalise white space characters to spaces (XML 1.0 §3.3.3).
        const value = decode(raw, p + 1);
        attrs[key] = /[\t\n\r]/.test(value) ? value.replace(/[\t\n\r]/g, ' ') : value;
        p = close + 1;
      }
      const { line, column } = where(start);
      const el: Node = { name: localName(qname), attrs, children: NO_CHILDREN, text: '', line, column };
      const parent = stack[stack.length - 1];
      if (parent) (parent.children === NO_CHILDREN ? (parent.children = []) : parent.children).push(el);
      else if (root) fail(`a second root element <${qname}> (the first is <${root.name}>, line ${root.line})`, start);
      else root = el;
      if (!selfClosing) {
        stack.push(el);
        qnames.push(qname);
      }
      pos = p;
    }
  }
  const open = stack[stack.length - 1];
  if (open) fail(`<${qnames[qnames.length - 1]}> (line ${open.line}) is never closed`, n);
  if (!root) fail('no root element', n);
  return root!;
}

/** An element while it is being read. */
interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
  line: number;
  column: number;
}

// Shared by every element without children until its first child arrives: files have
// millions of leaf elements.
const NO_CHILDREN = Object.freeze([]) as unknown as Node[];

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The first child element named `name`. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** The child elements named `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/**
 * Decodes the bytes of an XML file by its BOM or the encoding of its XML declaration
 * (UTF-8 when none is declared). Returns the text, or a message and the line of the first
 * byte that is not valid in that encoding.
 */
export function decodeXml(bytes: Uint8Array): { text: string } | { error: string; line?: number } {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  return decodeWith(declared ?? 'utf-8', bytes);
}

/** Decodes with a WHATWG encoding label; undecodable bytes are an error located by line. */
export function decodeWith(label: string, bytes: Uint8Array): { text: string } | { error: string; line?: number } {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { error: `unsupported encoding "${label}"` };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const loose = new TextDecoder(label).decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    const line = bad < 0 ? undefined : loose.slice(0, bad).split('\n').length;
    return { error: `not valid ${decoder.encoding.toUpperCase()} text`, ...(line !== undefined && { line }) };
  }
}
