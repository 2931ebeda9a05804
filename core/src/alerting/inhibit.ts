import type { InhibitRule } from './compile-config.js';
import { matchesAll } from './matchers.js';

/** An alert as the inhibitor sees it. */
export interface InhibitCandidate {
  readonly fingerprint: string;
  readonly labels: Readonly<Record<string, string>>;
}

function equalKey(rule: InhibitRule, labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(rule.equal.map((n) => labels[n] ?? ''));
}

/**
 * Decides inhibition over a snapshot of the firing alerts. A source mutes a
 * target when the target matches the rule's target matchers, the source its
 * source matchers, and the `equal` labels have the same values on both
 * (missing counts as empty). An alert that matches both sides cannot be
 * muted by another that also matches both, so alerts of one kind never
 * silence each other. Sources are indexed by their `equal` values once, so
 * each question costs a lookup, not a scan. Pure.
 */
export class Inhibitor {
  private readonly sources: Map<string, InhibitCandidate[]>[];

  constructor(
    private readonly rules: readonly InhibitRule[],
    firing: readonly InhibitCandidate[],
  ) {
    this.sources = rules.map((rule) => {
      const byKey = new Map<string, InhibitCandidate[]>();
      for (const a of firing) {
        if (!matchesAll(rule.source, a.labels)) continue;
        const key = equalKey(rule, a.labels);
        const list = byKey.get(key);
        if (list) list.push(a);
        else byKey.set(key, [a]);
      }
      return byKey;
    });
  }

  /** Fingerprints of the alerts that mute `target`, one per rule that mutes it. */
  inhibitedBy(target: InhibitCandidate): string[] {
    const out: string[] = [];
    this.rules.forEach((rule, i) => {
      if (!matchesAll(rule.target, target.labels)) return;
      const targetIsAlsoSource = matchesAll(rule.source, target.labels);
      for (const src of this.sources[i]!.get(equalKey(rule, target.labels)) ?? []) {
        if (src.fingerprint === target.fingerprint) continue;
        if (targetIsAlsoSource && matchesAll(rule.target, src.labels)) continue;
        out.push(src.fingerprint);
        return;
      }
    });
    return out;
  }
}

/** One-off form of {@link Inhibitor.inhibitedBy}. */
export function inhibitedBy(target: InhibitCandidate, rules: readonly InhibitRule[], firingSources: readonly InhibitCandidate[]): string[] {
  return new Inhibitor(rules, firingSources).inhibitedBy(target);
}
