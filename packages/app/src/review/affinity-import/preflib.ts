import { ImportError } from '../../adapters/import-error.ts';

/**
 * PrefLib's ordinal files (.soc, .soi, .toc, .toi): `# KEY: value` metadata, then one line per
 * distinct order, `count: a,b,{c,d},e`, alternatives by number (1-based), braces around ties.
 * For bidding, a voter is a reviewer and the alternatives are papers. Voters are anonymous in
 * PrefLib: a line counted k times stands for k reviewers, numbered in file order.
 */
export interface PreflibVoter {
  id: string;
  /** alternative names, best tier first; a tier holds the papers tied at that rank */
  tiers: string[][];
}

export interface PreflibFile {
  dataType: string | null;
  papers: string[];
  voters: PreflibVoter[];
}

const types = new Set(['soc', 'soi', 'toc', 'toi']);

export function parsePreflib(text: string, file: string): PreflibFile {
  const meta = new Map<string, string>();
  const names = new Map<number, string>();
  const orders: Array<{ count: number; tiers: number[][]; line: number }> = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (!s) return;
    if (s.startsWith('#')) {
      const m = /^#\s*([^:]+?)\s*:\s*(.*)$/.exec(s);
      if (!m) return;
      const key = m[1]!.toUpperCase();
      const alt = /^ALTERNATIVE NAME (\d+)$/.exec(key);
      if (alt) names.set(Number(alt[1]), m[2]!.trim());
      else meta.set(key, m[2]!.trim());
      return;
    }
    const m = /^(\d+)\s*:\s*(.*)$/.exec(s);
    if (!m) throw new ImportError(file, 'order', 'expected "count: order" (e.g. "1: 3,{1,2},4")', line);
    orders.push({ count: Number(m[1]), tiers: parseOrder(m[2]!, file, line), line });
  });

  const dataType = meta.get('DATA TYPE')?.toLowerCase() ?? null;
  if (dataType !== null && !types.has(dataType)) throw new ImportError(file, 'DATA TYPE', `"${dataType}" is not an ordinal PrefLib type (soc, soi, toc, toi)`);
  const declared = meta.has('NUMBER ALTERNATIVES') ? Number(meta.get('NUMBER ALTERNATIVES')) : null;
  const count = declared ?? Math.max(0, ...names.keys(), ...orders.flatMap((o) => o.tiers.flat()));
  const nameOf = (n: number) => names.get(n) ?? String(n);
  const voters: PreflibVoter[] = [];
  for (const o of orders) {
    const seen = new Set<number>();
    for (const n of o.tiers.flat()) {
      if (n < 1 || n > count) throw new ImportError(file, 'order', `alternative ${n} is outside 1..${count}`, o.line);
      if (seen.has(n)) throw new ImportError(file, 'order', `alternative ${n} appears twice in one order`, o.line);
      seen.add(n);
    }
    const complete = seen.size === count;
    if ((dataType === 'soc' || dataType === 'toc') && !complete)
      throw new ImportError(file, 'order', `a ${dataType} order must rank all ${count} alternatives`, o.line);
    if ((dataType === 'soc' || dataType === 'soi') && o.tiers.some((t) => t.length > 1))
      throw new ImportError(file, 'order', `a ${dataType} file holds no ties`, o.line);
    for (let k = 0; k < o.count; k++) {
      voters.push({ id: `voter-${voters.length + 1}`, tiers: o.tiers.map((t) => t.map(nameOf)) });
    }
  }
  if (!voters.length) throw new ImportError(file, '', 'the file holds no preference orders');
  return { dataType, papers: Array.from({ length: count }, (_, i) => nameOf(i + 1)), voters };
}

function parseOrder(s: string, file: string, line: number): number[][] {
  const tiers: number[][] = [];
  const re = /\s*(?:\{([^}]*)\}|(\d+))\s*(?:,|$)/y;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m || re.lastIndex === at) throw new ImportError(file, 'order', `cannot read the order at column ${at + 1}`, line, at + 1);
    const group =
      m[1] !== undefined
        ? m[1]
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : [m[2]!];
    if (group.some((x) => !/^\d+$/.test(x))) throw new ImportError(file, 'order', `alternatives are numbers: "${m[0].trim()}"`, line, at + 1);
    if (group.length) tiers.push(group.map(Number));
    at = re.lastIndex;
  }
  return tiers;
}

/**
 * A voter's order as affinities: the top tier scores 1, each lower tier 1/T less (T tiers), so the
 * last ranked tier scores 1/T; papers a voter left unranked (soi, toi) are not candidates.
 */
export function preflibAffinities(f: PreflibFile): Array<[paper: string, reviewer: string, score: number]> {
  return f.voters.flatMap((v) =>
    v.tiers.flatMap((tier, t) => tier.map((paper): [string, string, number] => [paper, v.id, (v.tiers.length - t) / v.tiers.length])),
  );
}
