import { describe, expect, it } from 'vitest';
import type { RelabelConfig } from '../../config/index.js';
import { compileRelabelConfigs, hashMod, relabel } from './relabel.js';
import { expandTemplate } from './regex.js';

function run(labels: Record<string, string>, configs: RelabelConfig[]): Record<string, string> | null {
  const map = new Map(Object.entries(labels));
  return relabel(map, compileRelabelConfigs(configs, 'relabel_configs')) ? Object.fromEntries([...map].sort()) : null;
}

describe('relabel', () => {
  it('replace: anchored dot-all regex, Go-style expansion, empty result deletes', () => {
    expect(run({ a: 'foo', b: 'bar' }, [{ source_labels: ['a', 'b'], regex: 'f(.*);(.*)', target_label: 'c', replacement: '${1}x$2' }])).toEqual({ a: 'foo', b: 'bar', c: 'ooxbar' });
    // Anchored: "oo" does not match "foo".
    expect(run({ a: 'foo' }, [{ source_labels: ['a'], regex: 'oo', target_label: 'c' }])).toEqual({ a: 'foo' });
    // Dot-all: . matches a newline.
    expect(run({ a: 'x\ny' }, [{ source_labels: ['a'], regex: 'x.y', target_label: 'c', replacement: 'nl' }])).toEqual({ a: 'x\ny', c: 'nl' });
    // $1x is the group named "1x": empty, so the label is deleted.
    expect(run({ a: 'foo', c: 'old' }, [{ source_labels: ['a'], regex: '(.*)', target_label: 'c', replacement: '$1x' }])).toEqual({ a: 'foo' });
    // Target label from a group; invalid result skips the step.
    expect(run({ a: 'dyn' }, [{ source_labels: ['a'], regex: '(.*)', target_label: 'label_$1', replacement: 'v' }])).toEqual({ a: 'dyn', label_dyn: 'v' });
    expect(run({ a: '1-2' }, [{ source_labels: ['a'], regex: '(.*)', target_label: '$1', replacement: 'v' }])).toEqual({ a: '1-2' });
    // Missing source labels join as empty strings.
    expect(run({}, [{ source_labels: ['x', 'y'], regex: ';', target_label: 'both_empty', replacement: 'yes' }])).toEqual({ both_empty: 'yes' });
  });

  it('keep, drop, keepequal, dropequal', () => {
    expect(run({ job: 'node' }, [{ source_labels: ['job'], regex: 'node|api', action: 'keep' }])).not.toBeNull();
    expect(run({ job: 'nodes' }, [{ source_labels: ['job'], regex: 'node|api', action: 'keep' }])).toBeNull();
    expect(run({ job: 'node' }, [{ source_labels: ['job'], regex: 'no.*', action: 'drop' }])).toBeNull();
    expect(run({ a: 'x', b: 'x' }, [{ source_labels: ['a'], target_label: 'b', action: 'keepequal' }])).not.toBeNull();
    expect(run({ a: 'x', b: 'y' }, [{ source_labels: ['a'], target_label: 'b', action: 'keepequal' }])).toBeNull();
    expect(run({ a: 'x', b: 'x' }, [{ source_labels: ['a'], target_label: 'b', action: 'dropequal' }])).toBeNull();
  });

  it('hashmod matches Prometheus (md5 bytes 8..15 big-endian)', () => {
    // md5("foo") = acbd18db4cc2f85cedef654fccc4a4d8; bytes 8..15 = edef654fccc4a4d8.
    expect(hashMod('foo', 1000)).toBe(String(0xedef654fccc4a4d8n % 1000n));
    // The value Prometheus' own relabel tests expect for "baz" with modulus 1000.
    expect(hashMod('baz', 1000)).toBe('976');
    expect(run({ __address__: 'foo' }, [{ source_labels: ['__address__'], modulus: 1000, target_label: '__tmp_hash', action: 'hashmod' }])).toEqual({ __address__: 'foo', __tmp_hash: String(0xedef654fccc4a4d8n % 1000n) });
  });

  it('labelmap, labeldrop, labelkeep, lowercase, uppercase', () => {
    expect(run({ __meta_kubernetes_pod_label_app: 'web', __meta_x: 'y' }, [{ regex: '__meta_kubernetes_pod_label_(.+)', action: 'labelmap' }])).toEqual({ __meta_kubernetes_pod_label_app: 'web', __meta_x: 'y', app: 'web' });
    expect(run({ a: '1', ab: '2', b: '3' }, [{ regex: 'a.*', action: 'labeldrop' }])).toEqual({ b: '3' });
    expect(run({ a: '1', ab: '2', b: '3' }, [{ regex: 'a.*', action: 'labelkeep' }])).toEqual({ a: '1', ab: '2' });
    expect(run({ a: 'MiXed' }, [{ source_labels: ['a'], target_label: 'l', action: 'lowercase' }, { source_labels: ['a'], target_label: 'u', action: 'uppercase' }])).toEqual({ a: 'MiXed', l: 'mixed', u: 'MIXED' });
  });

  it('refuses what RE2 or the action does not allow, naming the step', () => {
    expect(() => compileRelabelConfigs([{ regex: '(?=x)', action: 'labeldrop' }], 'scrape_configs[0].relabel_configs')).toThrow(/scrape_configs\[0\]\.relabel_configs\[0\]: regex "\(\?=x\)" uses look-around/);
    expect(() => compileRelabelConfigs([{ regex: '(a)\\1', action: 'labeldrop' }], 'r')).toThrow(/back-reference/);
    expect(() => compileRelabelConfigs([{ action: 'hashmod', target_label: 'x' }], 'r')).toThrow(/modulus/);
    expect(() => compileRelabelConfigs([{ source_labels: ['a'] }], 'r')).toThrow(/requires target_label/);
  });

  it('translates RE2 named groups and a leading (?i)', () => {
    expect(run({ a: 'HOST:9100' }, [{ source_labels: ['a'], regex: '(?i)(?P<host>host):.*', target_label: 'h', replacement: '$host' }])).toEqual({ a: 'HOST:9100', h: 'HOST' });
  });

  it('expands like Go', () => {
    const m = /^(?:(?<first>a)(b))$/s.exec('ab')!;
    expect(expandTemplate('$1-${2}-$first-$$-$9-${bad', m)).toBe('a-b-a-$--${bad');
  });
});
