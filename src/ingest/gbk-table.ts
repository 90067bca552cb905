/**
 * A two-byte GBK table, built once from the platform's WHATWG `gbk` decoder.
 *
 * Why not a library codec: the pages were mis-decoded by a browser-style decoder, which maps some
 * cells (e.g. A98C) to private-use code points (U+E7EA) where GB18030-2005 codecs use other ones.
 * Building the reverse table from the same decoder makes re-encoding exact for what it produced.
 */
export interface GbkTable {
  /** 罗 → [0xC2, 0xDE]; undefined for characters GBK cannot hold. */
  encode(char: string): readonly [number, number] | undefined;
  /** [0xC2, 0xDE] → 罗; undefined for an invalid pair. */
  decode(lead: number, trail: number): string | undefined;
  /** Every character whose first byte is `lead`, e.g. 0xBD → [… 經 …]. */
  withLead(lead: number): string[];
  /** Every character whose second byte is `trail`, e.g. 0x59 → [… 資 …]. */
  withTrail(trail: number): string[];
}

let table: GbkTable | undefined;

/** The shared table; the first call takes a few milliseconds. Example: `gbkTable().encode('一')` → [0xD2, 0xBB]. */
export function gbkTable(): GbkTable {
  table ??= buildTable();
  return table;
}

function buildTable(): GbkTable {
  const decoder = new TextDecoder('gbk', { fatal: true });
  const forward = new Map<number, string>();
  const reverse = new Map<string, readonly [number, number]>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let char: string;
      try {
        char = decoder.decode(pair);
      } catch {
        continue;
      }
      if ([...char].length !== 1) continue;
      forward.set((lead << 8) | trail, char);
      if (!reverse.has(char)) reverse.set(char, [lead, trail]);
    }
  }
  return {
    encode: (char) => reverse.get(char),
    decode: (lead, trail) => forward.get((lead << 8) | trail),
    withLead: (lead) => {
      const out: string[] = [];
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const c = forward.get((lead << 8) | trail);
        if (c) out.push(c);
      }
      return out;
    },
    withTrail: (trail) => {
      const out: string[] = [];
      for (let lead = 0x81; lead <= 0xfe; lead++) {
        const c = forward.get((lead << 8) | trail);
        if (c) out.push(c);
      }
      return out;
    },
  };
}
