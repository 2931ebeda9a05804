import { describe, expect, it } from 'vitest';
import { expandAlertTemplate, templateProblem } from './expand.js';
import { humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp } from './humanize.js';
import { sprintf } from './printf.js';

const data = {
  labels: { __name__: 'up', instance: 'host-1:9100', job: 'node' },
  value: 1234567,
  externalLabels: { cluster: 'eu' },
  externalURL: 'http://panoptes.example:9410',
};

const expand = (text: string, value = data.value) => expandAlertTemplate('t', text, { ...data, value }, { now: 0 });

describe('humanize functions (pinned against Prometheus template_test.go figures)', () => {
  it.each([
    [1234567, '1.235M'],
    [0.012, '12m'],
    [0, '0'],
    [1, '1'],
    [1000, '1k'],
    [-1500, '-1.5k'],
    [0.000001, '1u'],
    [1e30, '1e+06Y'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('humanize %s', (v, want) => expect(humanize(v)).toBe(want));

  it.each([
    [1024, '1ki'],
    [1048576, '1Mi'],
    [1, '1'],
    [0.5, '0.5'],
    [1536, '1.5ki'],
  ])('humanize1024 %s', (v, want) => expect(humanize1024(v)).toBe(want));

  it.each([
    [0, '0s'],
    [1, '1s'],
    [60, '1m 0s'],
    [3661, '1h 1m 1s'],
    [93784, '1d 2h 3m 4s'],
    [1.5, '1.5s'],
    [0.1, '100ms'],
    [0.000001, '1us'],
    [-60, '-1m 0s'],
  ])('humanizeDuration %s', (v, want) => expect(humanizeDuration(v)).toBe(want));

  it('humanizePercentage and humanizeTimestamp', () => {
    expect(humanizePercentage(0.1234)).toBe('12.34%');
    expect(humanizePercentage(1)).toBe('100%');
    expect(humanizeTimestamp(1435065584.128)).toBe('2015-06-23 13:19:44.128 +0000 UTC');
    expect(humanizeTimestamp(0)).toBe('1970-01-01 00:00:00 +0000 UTC');
  });
});

describe('sprintf', () => {
  it.each([
    ['%.2f', [3.14159], '3.14'],
    ['%d items', [3], '3 items'],
    ['%s=%v', ['a', 1.5], 'a=1.5'],
    ['%5.1f|', [2.25], '  2.2|'],
    ['%-5s|', ['ab'], 'ab   |'],
    ['%05d', [42], '00042'],
    ['%g', [1e6], '1e+06'],
    ['%q', ['x"y'], '"x\\"y"'],
    ['%x', [255], 'ff'],
    ['100%%', [], '100%'],
    ['%d', [], '%!d(MISSING)'],
    ['%d', ['x'], '%!d(string=x)'],
  ])('%s', (fmt, args, want) => expect(sprintf(fmt, args)).toBe(want));
});

describe('expandAlertTemplate', () => {
  it.each([
    ['{{ $labels.instance }} is down', 'host-1:9100 is down'],
    ['{{ .Labels.job }}', 'node'],
    ['{{ $value }}', '1.234567e+06'],
    ['{{ $value | humanize }}', '1.235M'],
    ['{{ humanize $value }}', '1.235M'],
    ['{{ printf "%.1f" $value }}', '1234567.0'],
    ['{{ $externalLabels.cluster }}', 'eu'],
    ['{{ $labels.missing }}|', '|'],
    ['{{ if gt $value 100.0 }}high{{ else }}low{{ end }}', 'high'],
    ['{{ if eq $labels.job "x" }}x{{ else if eq $labels.job "node" }}node{{ else }}other{{ end }}', 'node'],
    ['{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}', '__name__=up;instance=host-1:9100;job=node;'],
    ['a  {{- " b " -}}  c', 'a b c'],
    ['{{/* a comment */}}ok', 'ok'],
    ['{{ $x := "v" }}{{ $x }}', 'v'],
    ['{{ $labels.instance | stripPort | toUpper }}', 'HOST-1'],
    ['{{ reReplaceAll "(.*):.*" "$1" $labels.instance }}', 'host-1'],
    ['{{ "1.5" | humanizeDuration }}', '1.5s'],
    ['{{ with $labels.job }}job {{ . }}{{ end }}', 'job node'],
    ['{{ len $labels }}', '3'],
    ['{{ title "hello world" }}', 'Hello World'],
    ['{{ $externalURL }}', 'http://panoptes.example:9410'],
    ['plain text', 'plain text'],
    ['{{ define "who" }}{{ .instance }}{{ end }}[{{ template "who" $labels }}]', '[host-1:9100]'],
    ['{{ block "b" $labels.job }}job={{ . }}{{ end }}', 'job=node'],
    ['{{ range $k, $v := $labels }}{{ if eq $k "instance" }}{{ break }}{{ end }}{{ $k }};{{ end }}', '__name__;'],
    ['{{ range $k, $v := $labels }}{{ if eq $k "instance" }}{{ continue }}{{ end }}{{ $k }};{{ end }}', '__name__;job;'],
    ['{{ range $i, $x := 3 }}{{ $i }}{{ end }}', '012'],
  ])('%s', async (tmpl, want) => {
    expect(await expand(tmpl)).toBe(want);
  });

  it('turns failures into an error text rather than failing', async () => {
    expect(await expand('{{ nope }}')).toMatch(/^<error expanding template: template: t: function "nope" not defined>$/);
    expect(await expand('{{ template "missing" }}')).toMatch(/no such template "missing"/);
    expect(await expand('{{ range 1000000 }}x{{ end }}')).toMatch(/more than 100000 iterations/);
    expect(await expand('{{ if }}')).toMatch(/^<error expanding template:/);
    expect(await expand('{{ humanize "abc" }}')).toMatch(/^<error expanding template:.*invalid syntax/);
  });

  it('runs query in templates when a query function is given', async () => {
    const out = await expandAlertTemplate('t', '{{ with query "up" }}{{ . | first | value }}{{ end }}', data, {
      now: 0,
      query: async () => [{ Labels: { job: 'a' }, Value: 7 }],
    });
    expect(out).toBe('7');
  });

  it('reports syntax problems for check rules', () => {
    expect(templateProblem('{{ $labels.x }}')).toBeUndefined();
    expect(templateProblem('{{ if $x }}')).toBe('unexpected EOF');
    expect(templateProblem('{{ end }}')).toBe('unexpected {{end}}');
    expect(templateProblem('{{ nosuchfunc 1 }}')).toBe('function "nosuchfunc" not defined');
    expect(templateProblem('{{ break }}')).toBe('{{break}} outside {{range}}');
  });
});
