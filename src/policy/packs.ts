import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { Invalid } from '../kernel/errors.js';
import { TIERS, type Tier } from '../portfolio/schema.js';
import { validatePack } from './model.js';
import type { PolicyPack } from './schema.js';

/**
 * Pack files, so packs can live in version control and be reviewed like code: YAML (JSON is valid YAML too) in,
 * YAML or JSON out. Reading validates fully; a file that does not parse reports its line and column.
 */
export function readPackFile(text: string): PolicyPack {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length) {
    const problems = document.errors.map((e) => {
      const { line, col } = lines.linePos(e.pos[0]);
      return { path: '', message: `${e.message.split('\n')[0]} (line ${line}, column ${col})` };
    });
    throw new Invalid('the pack file is not valid YAML or JSON', problems);
  }
  return validatePack(document.toJS());
}

export function writePackFile(pack: PolicyPack, format: 'yaml' | 'json' = 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(pack, null, 2)}\n` : stringify(pack, { lineWidth: 120 });
}

let defaults: Readonly<Record<Tier, PolicyPack>> | undefined;

/** The packs Charter ships, one per tier, validated on first use; a tenant forks them into its own versions. */
export function defaultPacks(): Readonly<Record<Tier, PolicyPack>> {
  defaults ??= Object.fromEntries(
    TIERS.map((tier) => {
      const pack = readPackFile(readFileSync(new URL(`./packs/${tier}.yaml`, import.meta.url), 'utf8'));
      if (pack.tier !== tier) throw new Error(`packs/${tier}.yaml declares tier ${pack.tier}`);
      return [tier, pack];
    }),
  ) as Record<Tier, PolicyPack>;
  return defaults;
}
