import type { InhibitRule } from './compile-config.js';
import { matchesAll } from './matchers.js';

/** An alert as the inhibitor sees it. */
export interface InhibitCandidate {
  readonly fingerprint: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Returns the fingerprints of the firing alerts that inhibit `target`, one per
 * rule that mutes it. A source mutes a target when the target matches the
 * rule's target matchers, the source its source matchers, and the `equal`
 * labels have the same values on both (missing counts as empty). An alert
 * that matches both sides cannot be muted by another that also matches both,
 * so alerts of one kind never silence each other. Pure.
 */
export function inhibitedBy(
  target: InhibitCandidate,
  rules: readonly InhibitRule[],
  firingSources: readonly InhibitCandidate[],
): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    if (!matchesAll(rule.target, target.labels)) continue;
    const targetIsAlsoSource = matchesAll(rule.source, target.labels);
    for (const src of firingSources) {
      if (src.fingerprint === target.fingerprint) continue;
      if (!matchesAll(rule.source, src.labels)) continue;
      if (!rule.equal.every((n) => (src.labels[n] ?? '') === (target.labels[n] ?? ''))) continue;
      if (targetIsAlsoSource && matchesAll(rule.target, src.labels)) continue;
      out.push(src.fingerprint);
      break;
    }
  }
  return out;
}
