/**
 * A small, strict XML reader for checking the add-in manifest without new packages: elements,
 * attributes, text, comments, the XML declaration and the five predefined entities. Anything
 * not well-formed (unclosed or crossed tags, bad attributes, two roots, stray `<` or `&`)
 * throws with the offset where it went wrong.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.:-]*/;

function decode(s: string, at: number): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);|&/gi, (m, e: string | undefined) => {
    if (!e) throw new Error(`Bare & at ${at}`);
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    if (!(e in ENTITIES)) throw new Error(`Unknown entity &${e}; at ${at}`);
    return ENTITIES[e];
  });
}

/**
 * Parses a document and answers its root element.
 * @example parseXml('<a x="1"><b/></a>').children[0].name // 'b'
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (why: string): never => { throw new Error(`${why} at offset ${i}`); };
  while (i < xml.length) {
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) fail('Unclosed processing instruction');
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) fail('Unclosed comment');
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      if (!m) fail('Bad closing tag');
      const open = stack.pop();
      if (!open || open.name !== m![0]) fail(`</${m![0]}> does not close <${open?.name ?? 'nothing'}>`);
      i += 2 + m![0].length;
      while (/\s/.test(xml[i])) i++;
      if (xml[i] !== '>') fail('Expected >');
      i++;
    } else if (xml[i] === '<') {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) fail('Bad tag name');
      const el: XmlElement = { name: m![0], attrs: {}, children: [], text: '' };
      i += 1 + m![0].length;
      for (;;) {
        while (/\s/.test(xml[i])) i++;
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        const a = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(xml.slice(i));
        if (!a) fail(`Bad attribute in <${el.name}>`);
        if (a![1] in el.attrs) fail(`Attribute ${a![1]} given twice`);
        el.attrs[a![1]] = decode(a![3] ?? a![4], i);
        i += a![0].length;
      }
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail('A second root element');
      else root = el;
      if (xml.startsWith('/>', i)) i += 2;
      else { i++; stack.push(el); }
    } else {
      const next = xml.indexOf('<', i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      if (text.trim() && !stack.length) fail('Text outside the root element');
      if (stack.length) stack[stack.length - 1].text += decode(text, i);
      i = next < 0 ? xml.length : next;
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('No root element');
  return root;
}

/** Every element below (and including) this one, depth first. */
export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}
