import { Parser } from 'htmlparser2';

/** Elements that hold no page content: scripts, navigation, forms, the page footer. */
const SKIP = new Set(['head', 'script', 'style', 'noscript', 'template', 'nav', 'footer', 'aside', 'form', 'select', 'button', 'iframe', 'object', 'svg', 'canvas', 'map']);
/** Elements that start a new line of text. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'br', 'caption', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'title',
]);
const CELL = new Set(['td', 'th']);
/** class / id words that mark navigation, footers and related-article lists on sites that do not use <nav>, <footer> or <aside>. */
const FURNITURE = /(^|[\s_-])(nav|navbar|menu|footer|foot|sidebar|share|toolbar|topbar|copyright|related|relate|xgwz|recommend|breadcrumb|crumbs?)([\s_-]|$)/i;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * The text of an HTML page as lines, read with a real HTML parser: scripts, navigation, forms and
 * footers dropped; each block element a line; each table row one `|`-separated line; entities decoded.
 * Example: `<p>一、总体要求</p><table><tr><td>1</td><td>推进城市更新</td></tr></table>` →
 * `'一、总体要求\n1 | 推进城市更新'`.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = '';
  let skipDepth = 0;
  const stack: boolean[] = []; // per open element: did it start skipping?
  let cellsInRow = 0;
  const newline = () => {
    out.push(line);
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const skips = skipDepth === 0 && (SKIP.has(name) || FURNITURE.test(`${attrs.class ?? ''} ${attrs.id ?? ''}`));
        if (!VOID.has(name)) stack.push(skips);
        if (skips) skipDepth++;
        if (skipDepth > 0) return;
        if (name === 'tr') cellsInRow = 0;
        if (CELL.has(name) && cellsInRow++ > 0) line += ' | ';
        else if (BLOCK.has(name)) newline();
      },
      ontext(text) {
        if (skipDepth === 0) line += text.replace(/[\r\n]+/g, ' ');
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        if (stack.pop()) skipDepth--;
        if (skipDepth === 0 && BLOCK.has(name)) newline();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  newline();
  return out.map((l) => l.trim()).filter(Boolean).join('\n');
}

/**
 * The charset a page declares in `<meta charset>` or `<meta http-equiv content="…charset=…">`, lower
 * case, read with the same parser from the page's first bytes. Example: `<meta charset="gb2312">` → `gb2312`.
 */
export function declaredCharset(head: string): string | null {
  let found: string | null = null;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (found || name !== 'meta') return;
      const charset = attrs.charset ?? /charset\s*=\s*([\w-]+)/i.exec(attrs.content ?? '')?.[1];
      if (charset) found = charset.trim().toLowerCase();
    },
  });
  parser.write(head);
  parser.end();
  return found;
}
