/**
 * Rule files that `promtool check rules` (Prometheus 2.42, Debian bookworm)
 * accepts or rejects, with the verdict Panoptes must reach. Features newer
 * than 2.42 (query_offset, group labels) are left out of the agreement table;
 * Panoptes accepts them (see newer-features cases in rule-file.test.ts).
 */
export interface RuleFileCase {
  readonly name: string;
  readonly valid: boolean;
  readonly yaml: string;
  /** A fragment the Panoptes message must contain. */
  readonly message?: string;
}

const alert = (body: string): string => `groups:\n  - name: g\n    rules:\n${body}`;

export const RULE_FILE_CASES: readonly RuleFileCase[] = [
  { name: 'empty file', valid: true, yaml: '' },
  { name: 'no groups', valid: true, yaml: 'groups: []\n' },
  {
    name: 'recording and alerting rules',
    valid: true,
    yaml: alert(`      - record: job:up:sum
        expr: sum by (job) (up)
        labels: { team: a }
      - alert: InstanceDown
        expr: up == 0
        for: 5m
        keep_firing_for: 1m
        labels: { severity: page }
        annotations:
          summary: "{{ $labels.instance }} down ({{ $value | humanize }})"
`),
  },
  { name: 'interval and limit', valid: true, yaml: `groups:\n  - name: g\n    interval: 30s\n    limit: 10\n    rules:\n      - record: a\n        expr: vector(1)\n` },
  { name: 'for: 0 on alert', valid: true, yaml: alert(`      - alert: A\n        expr: vector(1)\n        for: 0s\n`) },
  { name: 'numeric label value', valid: true, yaml: alert(`      - alert: A\n        expr: vector(1)\n        labels:\n          priority: 1\n`) },
  { name: 'template with range and if', valid: true, yaml: alert(`      - alert: A\n        expr: vector(1)\n        annotations:\n          d: '{{ range $k, $v := $labels }}{{ if ne $k "x" }}{{ $k }}{{ end }}{{ end }}'\n`) },
  {
    name: 'define, template, block, break and continue in templates',
    valid: true,
    yaml: alert(`      - alert: A\n        expr: vector(1)\n        annotations:\n          a: '{{ define "x" }}hi{{ end }}{{ template "x" }}'\n          b: '{{ range $i, $v := $labels }}{{ if eq $i "a" }}{{ break }}{{ end }}{{ continue }}{{ end }}'\n          c: '{{ block "y" . }}default{{ end }}'\n`),
  },
  { name: 'unknown template function', valid: false, yaml: alert(`      - alert: A\n        expr: vector(1)\n        annotations:\n          e: '{{ nosuchfunc 1 }}'\n`), message: 'function "nosuchfunc" not defined' },
  { name: 'groups is a mapping', valid: false, yaml: 'groups: {}\n', message: 'must be a list' },
  { name: 'group without name', valid: false, yaml: 'groups:\n  - rules: []\n', message: 'Groupname must not be empty' },
  { name: 'fractional for', valid: false, yaml: alert(`      - alert: A\n        expr: x\n        for: 1.5m\n`), message: 'not a valid duration string' },
  { name: 'braces in record name', valid: false, yaml: alert(`      - record: "a{b}"\n        expr: x\n`), message: 'invalid recording rule name' },
  { name: 'range expression in a recording rule', valid: true, yaml: alert(`      - record: a\n        expr: x[5m]\n`) },
  { name: 'alert name with spaces', valid: true, yaml: alert(`      - alert: "A b c"\n        expr: x\n`) },
  { name: 'interval 0s and negative limit', valid: true, yaml: 'groups:\n  - name: g\n    interval: 0s\n    limit: -1\n    rules: []\n' },
  { name: 'colon in record name', valid: true, yaml: alert(`      - record: ns:metric:rate5m\n        expr: rate(x[5m])\n`) },

  { name: 'unknown top-level field', valid: false, yaml: 'groupz: []\n', message: 'unknown field "groupz"' },
  { name: 'unknown group field', valid: false, yaml: 'groups:\n  - name: g\n    intervall: 1m\n    rules: []\n', message: 'unknown field "intervall"' },
  { name: 'unknown rule field', valid: false, yaml: alert(`      - alert: A\n        expr: vector(1)\n        annotation: {}\n`), message: 'unknown field "annotation"' },
  { name: 'empty group name', valid: false, yaml: 'groups:\n  - name: ""\n    rules: []\n', message: 'Groupname must not be empty' },
  { name: 'repeated group name', valid: false, yaml: 'groups:\n  - name: g\n    rules: []\n  - name: g\n    rules: []\n', message: 'is repeated in the same file' },
  { name: 'bad interval', valid: false, yaml: 'groups:\n  - name: g\n    interval: 5x\n    rules: []\n', message: 'not a valid duration string' },
  { name: 'limit not an integer', valid: false, yaml: 'groups:\n  - name: g\n    limit: many\n    rules: []\n', message: 'must be an integer' },
  { name: 'both record and alert', valid: false, yaml: alert(`      - record: a\n        alert: A\n        expr: vector(1)\n`), message: "only one of 'record' and 'alert' must be set" },
  { name: 'neither record nor alert', valid: false, yaml: alert(`      - expr: vector(1)\n`), message: "one of 'record' or 'alert' must be set" },
  { name: 'missing expr', valid: false, yaml: alert(`      - alert: A\n`), message: "field 'expr' must be set in rule" },
  { name: 'bad expr', valid: false, yaml: alert(`      - alert: A\n        expr: sum(rate(x[5m])\n`), message: 'could not parse expression' },
  { name: 'bad for', valid: false, yaml: alert(`      - alert: A\n        expr: vector(1)\n        for: soon\n`), message: 'not a valid duration string' },
  { name: 'annotations on recording rule', valid: false, yaml: alert(`      - record: a\n        expr: vector(1)\n        annotations: { x: y }\n`), message: "invalid field 'annotations' in recording rule" },
  { name: 'for on recording rule', valid: false, yaml: alert(`      - record: a\n        expr: vector(1)\n        for: 1m\n`), message: "invalid field 'for' in recording rule" },
  { name: 'keep_firing_for on recording rule', valid: false, yaml: alert(`      - record: a\n        expr: vector(1)\n        keep_firing_for: 1m\n`), message: "invalid field 'keep_firing_for' in recording rule" },
  { name: 'bad record name', valid: false, yaml: alert(`      - record: 'a-b'\n        expr: vector(1)\n`), message: 'invalid recording rule name: a-b' },
  { name: 'bad label name', valid: false, yaml: alert(`      - alert: A\n        expr: vector(1)\n        labels: { 'a-b': x }\n`), message: 'invalid label name: a-b' },
  { name: '__name__ label', valid: false, yaml: alert(`      - alert: A\n        expr: vector(1)\n        labels: { __name__: x }\n`), message: 'invalid label name: __name__' },
  { name: 'bad annotation name', valid: false, yaml: alert(`      - alert: A\n        expr: vector(1)\n        annotations: { 'a b': x }\n`), message: 'invalid annotation name: a b' },
  { name: 'bad template', valid: false, yaml: alert(`      - alert: A\n        expr: vector(1)\n        annotations: { d: '{{ if $value }}' }\n`), message: 'annotation "d"' },
  { name: 'unclosed template action', valid: false, yaml: alert(`      - alert: A\n        expr: vector(1)\n        labels: { d: '{{ $labels.x ' }\n`), message: 'label "d"' },
  { name: 'invalid YAML', valid: false, yaml: 'groups:\n  - name: g\n   rules: [\n', message: 'invalid YAML' },
  { name: 'duplicate key', valid: false, yaml: 'groups:\n  - name: g\n    name: h\n    rules: []\n', message: 'invalid YAML' },
];
