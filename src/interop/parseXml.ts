/**
 * Reads the XML network files Verbund imports (GraphML, SNDlib XML) into a small element tree.
 *
 * The well-formedness checking is saxes's (the SAX parser jsdom uses); this module only builds
 * the tree, gives every element its line and column so that a problem found later (an edge to
 * an unknown node, a duplicate id) points into the file, and turns saxes's first error into an
 * {@link XmlSyntaxError} that points at the start of the offending markup. Namespace prefixes
 * are kept out of element and attribute names (`xmlns` declarations keep theirs). A DOCTYPE with
 * an internal subset is refused: saxes would not expand its entities anyway, and saying so is
 * clearer than the "unknown entity" that would follow.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';

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

/** Parses `text` into its root element; throws {@link XmlSyntaxError} with line and column. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: Node[] = [];
  const qnames: string[] = []; // prefixed names of the open elements, for messages
  let root: Node | undefined;
  let closed = { qname: '', line: 0 }; // the element saxes closed last (a mismatch is reported after it)

  // saxes knows the line of its read position and where that line starts; an offset on an
  // earlier line (a start tag whose name ends at a line break) is counted back from there.
  const locate = (offset: number): { line: number; column: number } => {
    let line = parser.line;
    let start = parser.position - parser.columnIndex;
    if (offset < start) {
      line -= text.slice(offset, start).match(/\r\n?|\n/g)?.length ?? 0;
      for (start = offset; start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r'; ) start--;
    }
    return { line, column: offset - start + 1 };
  };
  const fail = (message: string, offset: number): never => {
    const { line, column } = locate(offset);
    throw new XmlSyntaxError(message, line, column);
  };
  const last = (s: string): number => text.lastIndexOf(s, parser.position - 1);
  // The name in the end tag saxes has just read (it stops at the ">").
  const endTag = (): string => text.slice(last('</') + 2, parser.position - 1).trim();

  parser.on('opentagstart', (tag) => {
    const at = last('<');
    // saxes reports a second root only after this handler; say which the first one was.
    if (root && !stack.length) fail(`a second root element <${tag.name}> (the first is <${root.name}>, line ${root.line})`, at);
    const el: Node = { name: localName(tag.name), attrs: {}, children: NO_CHILDREN, text: '', ...locate(at) };
    const parent = stack[stack.length - 1];
    if (parent) (parent.children === NO_CHILDREN ? (parent.children = []) : parent.children).push(el);
    else root = el;
    stack.push(el);
    qnames.push(tag.name);
  });
  parser.on('attribute', ({ name, value }) => {
    const attrs = stack[stack.length - 1]!.attrs;
    const key = name.startsWith('xmlns') ? name : localName(name);
    // Checked here rather than left to saxes because prefixes are dropped (a and y:a collide)
    // and because here the attribute's place is known: its name just before the opening quote.
    if (Object.hasOwn(attrs, key)) {
      const quote = text.lastIndexOf(text[parser.position - 1]!, parser.position - 2);
      fail(`duplicate attribute ${name} in <${qnames[qnames.length - 1]}>`, text.lastIndexOf(name, quote));
    }
    attrs[key] = value;
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top && /\S/.test(t)) top.text += t;
  });
  parser.on('cdata', (t) => {
    stack[stack.length - 1]!.text += t; // saxes has already refused CDATA outside the root
  });
  parser.on('closetag', (tag) => {
    closed = { qname: tag.name, line: stack.pop()!.line };
    qnames.pop();
  });
  parser.on('doctype', (doctype) => {
    if (doctype.replace(/"[^"]*"|'[^']*'/g, '').includes('[')) fail('a DOCTYPE with an internal subset is not supported', last('<!DOCTYPE'));
  });
  parser.on('error', (e) => {
    // An "&" that starts no reference sends saxes looking for ";" past the markup that follows,
    // so whatever it reports later (often "unclosed tag" at the end) is really about that "&".
    const amp = bareAmpersand(text, parser.position);
    if (amp >= 0) fail(`"&" must start an entity such as &amp; (found "${/^&[^;&\s<>"']*;?/.exec(text.slice(amp, amp + 40))![0].slice(0, 12)}")`, amp);
    const message = e.message.replace(/^\d+:\d+: /, ''); // saxes puts its position first
    const top = stack[stack.length - 1];
    switch (message) {
      case 'unexpected close tag.':
        return fail(`end tag </${endTag()}> does not match <${closed.qname}> (line ${closed.line})`, last('</'));
      case 'disallowed character in tag name': // (no period) the character right after "<"
        return fail('"<" must start a tag (write &lt; in text)', last('<'));
      case 'undefined entity.':
      case 'disallowed character in entity name.':
        return fail(`unknown entity "${text.slice(last('&'), parser.position)}"`, last('&'));
      case 'malformed character entity.':
        return fail(`invalid character reference "${text.slice(last('&'), parser.position)}"`, last('&'));
      case 'unquoted attribute value.': {
        const attr = /([^\s=]+)\s*=\s*$/.exec(text.slice(last('<'), parser.position - 1))?.[1];
        return fail(`the value of attribute ${attr} must be quoted`, parser.position - 1);
      }
      case 'text data outside of root node.': {
        const run = text.lastIndexOf('>', parser.position - 2) + 1;
        return fail('text outside the root element', run + text.slice(run, parser.position).search(/\S|$/));
      }
      case 'document must contain a root element.':
        return fail('no root element', text.length);
    }
    if (message.startsWith('unmatched closing tag: ')) fail(`end tag </${endTag()}> without a start tag`, last('</'));
    // At the end saxes names the innermost open element; an unfinished start tag counts as one.
    if ((message.startsWith('unclosed tag: ') || message === 'unexpected end.') && top) fail(`<${qnames[qnames.length - 1]}> (line ${top.line}) is never closed`, text.length);
    fail(message.replace(/\.$/, ''), Math.max(parser.position - 1, 0));
  });
  parser.write(text).close();
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

// Comments, CDATA, processing instructions and DOCTYPE (where "&" is literal), or an "&" that
// is not followed by something reference-like up to a ";".
const AMP_OR_LITERAL = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?]]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|&(?!#\d+;|#x[\da-fA-F]+;|[^\s&;<>"']+;)/g;

/** The offset of the first "&" before `end` that starts no reference, or -1. */
function bareAmpersand(text: string, end: number): number {
  AMP_OR_LITERAL.lastIndex = 0;
  for (let m; (m = AMP_OR_LITERAL.exec(text)) && m.index < end; ) if (m[0] === '&') return m.index;
  return -1;
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
