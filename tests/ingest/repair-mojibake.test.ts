import { readFileSync, readdirSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { MOJIBAKE_CHARS, repairMojibake } from '../../src/ingest/repair-mojibake.ts';
import { garble, isFaithful } from './garble.ts';

// A page of our own words: the pinyin it glues (訓 xùn, 規 guī, 驅 qū) and the pairs it uses
// (確保, 其他, 相關, 基礎) are the page evidence the repair may lean on.
const PAGE = ['區(qū)委決策咨詢會(huì)議', '加強培訓(xùn)工作,完善規(guī)劃,驅(qū)動發展', '確保其他相關(guān)基礎設施同步建設'];
const repair = (line: string) => repairMojibake([...PAGE, line]).at(-1);

describe('repairMojibake: garbled body runs (input → output, src/ingest/repair-mojibake.ts)', () => {
  it.each([
    // A `?` standing for a glued mis-decoded character (規 = 家's trail + 庫's lead), then a lost pair (他相).
    ['決策咨詢專家?guī)旌推渌嚓P(guān)領(lǐng)域', '決策咨詢專家庫和其他相關領(lǐng)域'],
    // 訓 = 動's trail + 東's lead; 東's trail is the ASCII `|`.
    ['推動(dòng)?xùn)|門文化廣場', '推動(dòng)東門文化廣場'],
    // A plain lost byte: 保 recovered from its trail byte and the page's own 確保; ！ folded to ! by the site.
    ['在確?!敖拥米 钡幕A(chǔ)上,對(duì)區(qū)屬部門', '在確保“接得住”的基礎上,對(duì)區(qū)屬部門'],
    // 驅 = 域's trail + 對's lead; the dangling lead of 會 is named by its pinyin.
    ['公共事業(yè)領(lǐng)域?qū)ι鐣?huì)資本的開放空間', '公共事業(yè)領(lǐng)域對社會資本的開放空間'],
  ])('%s → %s', (input, expected) => expect(repair(input)).toBe(expected));

  it('marks a character that sits in no word as unknown (□) instead of showing it: 專家忍參與 → 專家□參與', () => {
    expect(repair('專家?guī)旌推渌嚓P(guān)領(lǐng)域?qū)<胰虆⑴c我區(qū)改革')).toBe('專家庫和其他相關領(lǐng)域專家□參與我區(qū)改革');
  });

  it('leaves a run whose bytes are lost beyond recovery as it was: 同崗?fù)?, (同酬 cannot be told from 同时)', () => {
    expect(repair('逐步實(shí)現(xiàn)同崗?fù)?,有力提升')).toBe('逐步實(shí)現(xiàn)同崗?fù)?,有力提升');
  });
});

describe('repairMojibake never injects a wrong character (traps seen on unseen pages)', () => {
  it.each([
    // Was `坚持人民至上、闪`: a character made up from a dangling byte.
    ['堅持?嗣裰辽稀⑸辽?,統籌發展', '堅持?嗣裰辽稀⑸辽?,統籌發展'],
    // Was `坚持人民至少`: the dictionary's likelier word, not the page's.
    ['坚?秩嗣裰辽?,坚持生命至上', '坚持人民至□,坚持生命至上'],
    // Was `（广东）`: a character lost silently.
    ['據（广东?。┩臣凭?', '據（广东□）统计□'],
    ['深圳市（廣東?。┤嗣裾?', '深圳市（廣東□）人民□'],
    // Was `新華廣州電`: the lost character is marked, not dropped.
    ['新華?鐝V州電(廣東省)', '新華□廣州電(廣東省)'],
    // `@` is the lost character's trail byte, not a folded ＠: no run to repair.
    ['記者從廣東省?@悉', '記者從廣東省?@悉'],
    // A real question mark and real text after it stay.
    ['是否需要繳費?需要提前預約。', '是否需要繳費?需要提前預約。'],
    ['來源:南方網?(廣東省)', '來源:南方網?(廣東省)'],
  ])('%s → %s', (input, expected) => expect(repair(input)).toBe(expected));
});

describe('property: garbled sentences of the seeds are repaired faithfully or left alone', () => {
  // Each sampled sentence of a seed page, written in traditional script as the reposts are, is
  // garbled by a one-byte shift (tests/ingest/garble.ts) and repaired with its page as evidence.
  const s2t = OpenCC.Converter({ from: 'cn', to: 'hk' });
  const pages = readdirSync('seeds').sort().map((file) => {
    const doc = ingestDocument({ file, bytes: readFileSync(`seeds/${file}`) });
    const sentences = doc.body.flatMap((l) => l.split(/(?<=[。；;])/u));
    return sentences.filter((l) => !/[?□]/u.test(l)).map((l) => s2t(l).slice(0, 40));
  });
  it('at most 2% of repairs show a character that was not there (measured: 3 of 268)', () => {
    let n = 0;
    const wrong: string[] = [];
    for (const lines of pages) {
      for (let k = 0; k < lines.length; k += 5) {
        const line = lines[k];
        if (line.length < 12) continue;
        const g = garble(line, 2 + ((k * 7) % (line.length - 8)));
        if (g === line) continue;
        n++;
        const page = lines.slice();
        page[k] = g;
        const out = repairMojibake(page)[k];
        if (out !== g.replace(new RegExp(MOJIBAKE_CHARS.source, 'gu'), '') && !isFaithful(out, line)) wrong.push(`${line} | ${g} → ${out}`);
      }
    }
    expect(n).toBeGreaterThan(200);
    expect(wrong.length / n, wrong.join('\n')).toBeLessThanOrEqual(0.02);
  });
});
