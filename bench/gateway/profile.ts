/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- gateway --profile`): the functions with the
 * most self time, and the most inclusive time among Charter's own code, so hot spots on the gateway's path stand out.
 *
 *   npx tsx bench/gateway/profile.ts bench/.anchors/profiles/CPU….cpuprofile [--top 40] [--filter src/]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top = 40, filter = '/src/'): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const label = (n: Node) => {
    const f = n.callFrame;
    const where = f.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'nm:').replace(/^.*\/(src|bench)\//, '$1/');
    return `${f.functionName || '(anonymous)'} ${where}${where ? `:${f.lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    self.set(label(n), (self.get(label(n)) ?? 0) + us);
    const url = n.callFrame.url;
    const pkg = url.includes('/node_modules/') ? url.replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') : url.includes('/src/') ? 'charter src/' : url.startsWith('node:') ? 'node:' + url.slice(5).split('/')[0] : n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : url ? 'other js' : 'native/builtin';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    // Inclusive time: once per distinct label on the stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)} %`;
  const rows = (m: Map<string, number>, n: number, keep: (k: string) => boolean = () => true) =>
    [...m].filter(([k]) => keep(k)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${pct(us)}  ${k}`).join('\n');
  return [
    `profile: ${(totalUs / 1e6).toFixed(1)} s sampled`,
    'self time by package:', rows(byPackage, 20),
    'self time by function:', rows(self, top),
    `inclusive time, ${filter} only:`, rows(inclusive, top, (k) => k.includes(filter.replace(/^\//, ''))),
  ].join('\n');
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile.ts <file.cpuprofile> [--top N] [--filter text]');
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  process.stdout.write(`${summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(arg('top') ?? 40), arg('filter') ?? '/src/')}\n`);
}
