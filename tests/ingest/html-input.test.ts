import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/domain.ts';
import { gbkTable } from '../../src/ingest/gbk-table.ts';
import { htmlToText } from '../../src/ingest/html-to-text.ts';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A seed page as a browser would save it: each line a paragraph, inside site navigation, scripts and a footer. */
function asHtml(text: string, charset: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return [
    `<!DOCTYPE html><html><head><meta charset="${charset}"><title>政府门户网站</title><style>p{margin:0}</style>`,
    '<script>var nav = "<p>不是正文</p>";</script></head><body>',
    '<nav><ul><li><a href="/">首页</a></li><li>政务公开</li><li>办事服务</li></ul></nav>',
    '<div class="top-menu"><a>English</a><a>无障碍</a></div>',
    '<div id="content">',
    ...lines.map((l) => `<p>${escape(l)}</p>`),
    '</div><div class="footer">主办单位：某某区人民政府 版权所有</div><footer>网站标识码 4403000001</footer></body></html>',
  ].join('\n');
}

/** GBK bytes for a string, from the same table the mojibake repair uses (ASCII passes through). */
function gbkBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else out.push(...(gbkTable().encode(ch) ?? [0x3f]));
  }
  return Uint8Array.from(out);
}

const same = (doc: PolicyDocument) => ({ meta: doc.meta, sections: doc.sections, body: doc.body, traditional: doc.traditional });

describe('.html input gives the same document as the .txt page', () => {
  for (const file of readdirSync('seeds').sort()) {
    const bytes = readFileSync(`seeds/${file}`);
    const txt = ingestDocument({ file, bytes });
    it(`${file} saved as UTF-8 HTML`, () => {
      const html = ingestDocument({ file: file.replace(/\.txt$/, '.html'), bytes: new TextEncoder().encode(asHtml(bytes.toString('utf8'), 'utf-8')) });
      expect(same(html)).toEqual(same(txt));
    });
  }

  it('reads a GBK page that declares its charset in <meta>', () => {
    const file = readdirSync('seeds').find((f) => f.startsWith('003'))!;
    const text = readFileSync(`seeds/${file}`, 'utf8');
    const txt = ingestDocument({ file, bytes: readFileSync(`seeds/${file}`) });
    const html = ingestDocument({ file: '003.htm', bytes: gbkBytes(asHtml(text, 'gb2312')) });
    expect(html.encoding).toBe('gb18030');
    expect(same(html)).toEqual(same(txt));
  });
});

describe('htmlToText', () => {
  it('turns blocks into lines and table rows into | rows, dropping scripts, navigation and footers', () => {
    const html = '<nav>首页</nav><h1>罗湖区2017年改革计划</h1><p>一、总体要求</p><table><tr><th>序号</th><th>工作任务</th></tr><tr><td>1</td><td>推进&nbsp;城市更新</td></tr></table><script>x()</script><footer>版权所有</footer>';
    expect(htmlToText(html)).toBe('罗湖区2017年改革计划\n一、总体要求\n序号 | 工作任务\n1 | 推进\u00a0城市更新');
  });
  it('keeps text that is not in a block element', () => {
    expect(htmlToText('<body>第一行<br>第二行<span>，续</span></body>')).toBe('第一行\n第二行，续');
  });
});
