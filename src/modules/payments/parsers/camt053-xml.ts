// Streams a camt.053 document through saxes and hands out small element trees: the header of
// each <Stmt> (everything but its entries) and each <Ntry> on its own. Only one entry is ever
// held in memory, however many a statement has; namespace prefixes are dropped (`ns2:Ntry`).
import { SaxesParser } from 'saxes';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

export type CamtPiece =
  | { kind: 'statement-start'; header: XmlNode }
  | { kind: 'entry'; entry: XmlNode }
  | { kind: 'statement-end'; header: XmlNode }
  | { kind: 'xml-error'; line: number; message: string };

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** The first child with this local name, following a path: child(n, 'BookgDt', 'Dt'). */
export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let cur = node;
  for (const name of path) cur = cur?.children.find((c) => c.name === name);
  return cur;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Trimmed text of the element at the path, or null when absent or empty. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string | null {
  const t = child(node, ...path)?.text.trim();
  return t ? t : null;
}

export async function* readCamtPieces(text: AsyncIterable<string>): AsyncGenerator<CamtPiece> {
  const parser = new SaxesParser({ position: true });
  const out: CamtPiece[] = [];
  let stmt: XmlNode | undefined;
  let entryStarted = false;
  // The element being built and its ancestors inside the captured tree.
  let stack: XmlNode[] = [];
  let failed = false;
  // saxes reports a mismatched close tag AFTER handing it to closetag: what that close just
  // completed is not complete at all and is withdrawn.
  let pushedByLastClose = false;

  parser.on('error', (err) => {
    if (pushedByLastClose) out.pop();
    if (!failed) out.push({ kind: 'xml-error', line: parser.line, message: err.message });
    failed = true;
  });
  parser.on('opentag', (tag) => {
    pushedByLastClose = false;
    const node: XmlNode = { name: localName(tag.name), attrs: {}, children: [], text: '', line: parser.line };
    for (const [k, v] of Object.entries(tag.attributes)) node.attrs[localName(k)] = String(v);
    if (!stmt) {
      if (node.name === 'Stmt') {
        stmt = node;
        stack = [node];
      }
      return;
    }
    if (stack.length === 1 && node.name === 'Ntry') {
      // Schema order puts Bal and TxsSummry before the entries: the header is complete here.
      if (!entryStarted) out.push({ kind: 'statement-start', header: stmt });
      entryStarted = true;
      stack = [node];
      return;
    }
    stack[stack.length - 1]?.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    // Whitespace between elements is dropped, or a statement with a million entries would
    // collect a million indentations on its own node.
    const top = stack[stack.length - 1];
    if (top && /\S/.test(t)) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    pushedByLastClose = false;
    if (!stmt) return;
    const closed = stack.pop();
    if (closed?.name === 'Ntry' && stack.length === 0) {
      out.push({ kind: 'entry', entry: closed });
      pushedByLastClose = true;
      stack = [stmt];
    } else if (closed === stmt) {
      if (!entryStarted) out.push({ kind: 'statement-start', header: stmt });
      out.push({ kind: 'statement-end', header: stmt });
      pushedByLastClose = true;
      stmt = undefined;
      entryStarted = false;
      stack = [];
    }
  });

  for await (const chunk of text) {
    parser.write(chunk);
    while (out.length > 0) {
      const piece = out.shift() as CamtPiece;
      yield piece;
      if (piece.kind === 'xml-error') return; // what follows a broken document cannot be trusted
    }
  }
  parser.close();
  for (const piece of out) {
    yield piece;
    if (piece.kind === 'xml-error') return;
  }
}
