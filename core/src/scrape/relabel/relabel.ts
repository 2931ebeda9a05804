import { createHash } from 'node:crypto';
import type { Label } from '@panoptes/storage';
import type { RelabelAction, RelabelConfig } from '../../config/index.js';
import { ScrapeError } from '../errors.js';
import { compileAnchoredRegex, expandTemplate } from './regex.js';

/** A relabel step with defaults filled in and its regex compiled. */
export interface CompiledRelabel {
  readonly action: RelabelAction;
  readonly sourceLabels: readonly string[];
  readonly separator: string;
  readonly targetLabel: string;
  readonly regex: RegExp;
  readonly modulus: number;
  readonly replacement: string;
}

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Fills in Prometheus' defaults (separator `;`, regex `(.*)`, replacement
 * `$1`, action `replace`) and checks what each action needs, naming the
 * step in errors (`where` e.g. `scrape_configs[0].relabel_configs[2]`).
 */
export function compileRelabelConfigs(configs: readonly RelabelConfig[] | undefined, where: string): CompiledRelabel[] {
  return (configs ?? []).map((c, i) => {
    const at = `${where}[${i}]`;
    const action = c.action ?? 'replace';
    const step: CompiledRelabel = {
      action,
      sourceLabels: c.source_labels ?? [],
      separator: c.separator ?? ';',
      targetLabel: c.target_label ?? '',
      regex: compileAnchoredRegex(c.regex ?? '(.*)', at),
      modulus: c.modulus ?? 0,
      replacement: c.replacement ?? '$1',
    };
    const need = (ok: boolean, what: string): void => {
      if (!ok) throw new ScrapeError('PNP_SCRAPE_RELABEL_CONFIG', `${at}: action ${action} ${what}`);
    };
    switch (action) {
      case 'replace':
      case 'lowercase':
      case 'uppercase':
        need(step.targetLabel !== '', 'requires target_label');
        break;
      case 'hashmod':
        need(step.targetLabel !== '', 'requires target_label');
        need(step.modulus > 0, 'requires a modulus greater than 0');
        break;
      case 'keepequal':
      case 'dropequal':
        need(step.targetLabel !== '', 'requires target_label');
        need(step.sourceLabels.length > 0, 'requires source_labels');
        break;
      case 'labeldrop':
      case 'labelkeep':
        need(c.source_labels === undefined && c.target_label === undefined, 'takes only regex (no source_labels or target_label)');
        break;
      default:
        break;
    }
    return step;
  });
}

/** md5 of the value, bytes 8..15 as a big-endian uint64, modulo `modulus` (Prometheus' hashmod exactly). */
export function hashMod(value: string, modulus: number): string {
  const digest = createHash('md5').update(value).digest();
  return String(digest.readBigUInt64BE(8) % BigInt(modulus));
}

/**
 * Applies the steps in order to a label map (changed in place). Returns
 * false when a keep/drop step drops the target or series. Setting a label
 * to the empty string deletes it, as Prometheus' label builder does.
 */
export function relabel(labels: Map<string, string>, steps: readonly CompiledRelabel[]): boolean {
  for (const s of steps) {
    const value = s.sourceLabels.length === 1 ? (labels.get(s.sourceLabels[0]!) ?? '') : s.sourceLabels.map((n) => labels.get(n) ?? '').join(s.separator);
    switch (s.action) {
      case 'drop':
        if (s.regex.test(value)) return false;
        break;
      case 'keep':
        if (!s.regex.test(value)) return false;
        break;
      case 'dropequal':
        if ((labels.get(s.targetLabel) ?? '') === value) return false;
        break;
      case 'keepequal':
        if ((labels.get(s.targetLabel) ?? '') !== value) return false;
        break;
      case 'replace': {
        const m = s.regex.exec(value);
        if (!m) break;
        const target = expandTemplate(s.targetLabel, m);
        if (!LABEL_NAME_RE.test(target)) break;
        set(labels, target, expandTemplate(s.replacement, m));
        break;
      }
      case 'lowercase':
        set(labels, s.targetLabel, value.toLowerCase());
        break;
      case 'uppercase':
        set(labels, s.targetLabel, value.toUpperCase());
        break;
      case 'hashmod':
        set(labels, s.targetLabel, hashMod(value, s.modulus));
        break;
      case 'labelmap': {
        for (const [name, v] of [...labels]) {
          const m = s.regex.exec(name);
          if (m) set(labels, expandTemplate(s.replacement, m), v);
        }
        break;
      }
      case 'labeldrop':
        for (const name of [...labels.keys()]) if (s.regex.test(name)) labels.delete(name);
        break;
      case 'labelkeep':
        for (const name of [...labels.keys()]) if (!s.regex.test(name)) labels.delete(name);
        break;
    }
  }
  return true;
}

function set(labels: Map<string, string>, name: string, value: string): void {
  if (value === '') labels.delete(name);
  else labels.set(name, value);
}

/** A label map as a label set sorted by name. */
export function toSortedLabels(labels: Map<string, string>): Label[] {
  const out: Label[] = [];
  for (const [name, value] of labels) out.push({ name, value });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
