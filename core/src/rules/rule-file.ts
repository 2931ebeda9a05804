import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { parseDuration } from '../config/index.js';
import { parseExpr } from '../promql/parser/index.js';
import type { RuleProblem } from './errors.js';
import type { AlertingRuleSpec, RecordingRuleSpec, RuleGroupSpec, RuleSpec } from './rule-types.js';
import { templateProblem } from './template/index.js';

export interface ParsedRuleFile {
  readonly groups: RuleGroupSpec[];
  /** Problems that make the file invalid (promtool would fail on them). */
  readonly problems: RuleProblem[];
  /** Legal but probably wrong, e.g. `$value` in a label template. */
  readonly warnings: RuleProblem[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const GROUP_KEYS = ['name', 'interval', 'query_offset', 'limit', 'rules', 'labels'] as const;
const RULE_KEYS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'] as const;

interface Where {
  group?: string;
  rule?: number;
  ruleName?: string;
}

/**
 * Parses and validates one Prometheus rule file, reporting every problem the
 * way rulefmt does (position, group, rule index and name), so what promtool
 * rejects is rejected here with the same facts. Pure: takes the text.
 */
export function parseRuleFile(text: string, file: string): ParsedRuleFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problems: RuleProblem[] = [];
  const warnings: RuleProblem[] = [];
  const posOf = (node: YamlNode | null | undefined): { line: number; column: number } => {
    const offset = node?.range?.[0] ?? 0;
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const report = (node: YamlNode | null | undefined, message: string, where: Where = {}, list = problems): void => {
    list.push({ file, ...posOf(node), ...where, message });
  };

  for (const err of doc.errors) {
    const p = lines.linePos(err.pos[0]);
    problems.push({ file, line: p.line, column: p.col, message: `invalid YAML: ${err.message.split('\n')[0]}` });
  }
  if (problems.length > 0) return { groups: [], problems, warnings };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { groups: [], problems, warnings };
  if (!isMap(root)) {
    report(root, 'the top level must be a mapping with a "groups" list');
    return { groups: [], problems, warnings };
  }
  checkKeys(root, ['groups'], report, {});
  const groupsNode = root.get('groups', true) as YamlNode | undefined;
  if (groupsNode === undefined || (isScalar(groupsNode) && groupsNode.value === null)) return { groups: [], problems, warnings };
  if (!isSeq(groupsNode)) {
    report(groupsNode, '"groups" must be a list of rule groups');
    return { groups: [], problems, warnings };
  }

  const groups: RuleGroupSpec[] = [];
  const seenNames = new Set<string>();
  for (const gNode of groupsNode.items as YamlNode[]) {
    if (!isMap(gNode)) {
      report(gNode, 'a rule group must be a mapping (name, interval, rules, ...)');
      continue;
    }
    const name = stringField(gNode, 'name', report, {}) ?? '';
    const where: Where = { group: name };
    checkKeys(gNode, GROUP_KEYS, report, where);
    if (name === '') report(gNode, 'Groupname must not be empty');
    else if (seenNames.has(name)) report(gNode, `groupname: ${JSON.stringify(name)} is repeated in the same file`);
    seenNames.add(name);
    const interval = durationField(gNode, 'interval', report, where);
    const queryOffset = durationField(gNode, 'query_offset', report, where);
    const limit = intField(gNode, 'limit', report, where) ?? 0;
    const labels = labelsField(gNode, 'labels', report, where, 'label');
    const rules: RuleSpec[] = [];
    const rulesNode = gNode.get('rules', true) as YamlNode | undefined;
    if (rulesNode !== undefined && !(isScalar(rulesNode) && rulesNode.value === null)) {
      if (!isSeq(rulesNode)) {
        report(rulesNode, '"rules" must be a list', where);
      } else {
        (rulesNode.items as YamlNode[]).forEach((rNode, i) => {
          const rule = parseRule(rNode, i + 1, name, report, warnings, file, posOf);
          if (rule) rules.push(rule);
        });
      }
    }
    groups.push({
      file,
      name,
      ...(interval !== undefined && { interval }),
      ...(queryOffset !== undefined && { queryOffset }),
      limit,
      labels,
      rules,
    });
  }
  return { groups, problems, warnings };
}

type Report = (node: YamlNode | null | undefined, message: string, where?: Where) => void;

function checkKeys(map: YAMLMap, allowed: readonly string[], report: Report, where: Where): void {
  for (const pair of map.items as Pair<YamlNode, YamlNode>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!allowed.includes(key)) report(pair.key, `unknown field ${JSON.stringify(key)} (allowed: ${allowed.join(', ')})`, where);
  }
}

/** A scalar as a string, the way Go's yaml decodes any scalar into a string field; null reads as empty. */
function scalarText(node: YamlNode): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null) return '';
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

function stringField(map: YAMLMap, key: string, report: Report, where: Where): string | undefined {
  const node = map.get(key, true) as YamlNode | undefined;
  if (node === undefined) return undefined;
  const text = scalarText(node);
  if (text === undefined) report(node, `${key}: must be a string, not a ${isSeq(node) ? 'list' : 'mapping'}`, where);
  return text;
}

function durationField(map: YAMLMap, key: string, report: Report, where: Where): number | undefined {
  const text = stringField(map, key, report, where);
  if (text === undefined || text === '') return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) report(map.get(key, true) as YamlNode, `${key}: not a valid duration string: ${JSON.stringify(text)}`, where);
  return ms;
}

function intField(map: YAMLMap, key: string, report: Report, where: Where): number | undefined {
  const node = map.get(key, true) as YamlNode | undefined;
  if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
    report(node, `${key}: must be an integer, got ${JSON.stringify(isScalar(node) ? node.value : 'a collection')}`, where);
    return undefined;
  }
  return node.value;
}

function labelsField(map: YAMLMap, key: string, report: Report, where: Where, what: 'label' | 'annotation'): Record<string, string> {
  const node = map.get(key, true) as YamlNode | undefined;
  const out: Record<string, string> = {};
  if (node === undefined || (isScalar(node) && node.value === null)) return out;
  if (!isMap(node)) {
    report(node, `${key}: must be a mapping of ${what} names to values`, where);
    return out;
  }
  for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value === null ? '' : scalarText(pair.value);
    if (value === undefined) {
      report(pair.value, `${what} ${JSON.stringify(name)}: value must be a string`, where);
      continue;
    }
    if (!LABEL_NAME.test(name) || (what === 'label' && name === '__name__')) report(pair.key, `invalid ${what} name: ${name}`, where);
    out[name] = value;
  }
  return out;
}

function parseRule(
  node: YamlNode,
  index: number,
  group: string,
  report: Report,
  warnings: RuleProblem[],
  file: string,
  posOf: (n: YamlNode | null | undefined) => { line: number; column: number },
): RuleSpec | undefined {
  if (!isMap(node)) {
    report(node, 'a rule must be a mapping (record or alert, expr, ...)', { group, rule: index });
    return undefined;
  }
  const record = stringField(node, 'record', report, { group, rule: index }) ?? '';
  const alert = stringField(node, 'alert', report, { group, rule: index }) ?? '';
  const where: Where = { group, rule: index, ruleName: alert !== '' ? alert : record };
  checkKeys(node, RULE_KEYS, report, where);
  const recordNode = node.get('record', true) as YamlNode | undefined;
  const alertNode = node.get('alert', true) as YamlNode | undefined;
  const exprNode = node.get('expr', true) as YamlNode | undefined;
  const ruleNode = recordNode ?? alertNode ?? node;

  if (record !== '' && alert !== '') report(recordNode, "only one of 'record' and 'alert' must be set", where);
  if (record === '' && alert === '') report(ruleNode, "one of 'record' or 'alert' must be set", where);

  const expr = stringField(node, 'expr', report, where) ?? '';
  if (expr === '') {
    report(exprNode ?? node, "field 'expr' must be set in rule", where);
  } else {
    try {
      parseExpr(expr);
    } catch (err) {
      report(exprNode, `could not parse expression: ${(err as Error).message}`, where);
    }
  }
  const forMs = durationField(node, 'for', report, where) ?? 0;
  const keepFiringFor = durationField(node, 'keep_firing_for', report, where) ?? 0;
  const labels = labelsField(node, 'labels', report, where, 'label');
  const annotations = labelsField(node, 'annotations', report, where, 'annotation');

  if (record !== '') {
    if (Object.keys(annotations).length > 0) report(recordNode, "invalid field 'annotations' in recording rule", where);
    if (forMs !== 0) report(recordNode, "invalid field 'for' in recording rule", where);
    if (keepFiringFor !== 0) report(recordNode, "invalid field 'keep_firing_for' in recording rule", where);
    if (!METRIC_NAME.test(record)) report(recordNode, `invalid recording rule name: ${record}`, where);
    const spec: RecordingRuleSpec = { kind: 'recording', name: record, expr, labels };
    return alert === '' ? spec : undefined;
  }
  if (alert === '') return undefined;

  for (const [kind, entries] of [
    ['label', labels],
    ['annotation', annotations],
  ] as const) {
    for (const [k, v] of Object.entries(entries)) {
      const problem = templateProblem(v);
      if (problem !== undefined) {
        report(node.get(kind === 'label' ? 'labels' : 'annotations', true) as YamlNode, `${kind} ${JSON.stringify(k)}: template: __alert_${alert}: ${problem}`, where);
      } else if (kind === 'label' && /\$value|\.Value/.test(v)) {
        warnings.push({
          file,
          ...posOf(node.get('labels', true) as YamlNode),
          ...where,
          message: `label ${JSON.stringify(k)} uses $value: every change of the value makes a new alert; put it in an annotation`,
        });
      }
    }
  }
  const spec: AlertingRuleSpec = { kind: 'alerting', name: alert, expr, for: forMs, keepFiringFor, labels, annotations };
  return spec;
}
