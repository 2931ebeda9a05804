// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import PromqlEditor from './PromqlEditor.vue';
import TimeRangePicker from './TimeRangePicker.vue';
import ResultTable from './ResultTable.vue';
import VariablePicker from './VariablePicker.vue';
import type { CompletionSource } from '../promql/completion-source.js';

const fixtureSource: CompletionSource = {
  async load(ctx) {
    if (ctx.kind === 'expression') return { metrics: ['node_load1', 'node_load5', 'up'] };
    if (ctx.kind === 'labelName') return { labelNames: ['instance', 'job'] };
    if (ctx.kind === 'labelValue') return { labelValues: ctx.label === 'job' ? ['api', 'node'] : [] };
    return {};
  },
};

function mountEditor(value = '', serverError?: string) {
  const wrapper = mount(PromqlEditor, {
    props: { modelValue: value, serverError, source: fixtureSource, 'onUpdate:modelValue': (v: string) => wrapper.setProps({ modelValue: v }) },
    attachTo: document.body,
  });
  return wrapper;
}

async function type(wrapper: ReturnType<typeof mountEditor>, value: string): Promise<void> {
  const ta = wrapper.get('textarea');
  (ta.element as HTMLTextAreaElement).value = value;
  (ta.element as HTMLTextAreaElement).setSelectionRange(value.length, value.length);
  await ta.trigger('input');
  await flushPromises();
}

describe('PromqlEditor', () => {
  it('highlights the query in the layer under the textarea', () => {
    const w = mountEditor('rate(up[5m])');
    expect(w.find('.pe-layer .tok-function').text()).toBe('rate');
    expect(w.find('.pe-layer .tok-duration').text()).toBe('5m');
    w.unmount();
  });

  it('suggests metric names and inserts the chosen one with Enter', async () => {
    const w = mountEditor();
    await type(w, 'node_l');
    const items = w.findAll('[role=option]');
    expect(items.map((i) => i.find('.pe-label').text())).toEqual(['node_load1', 'node_load5']);
    await w.get('textarea').trigger('keydown', { key: 'ArrowDown' });
    await w.get('textarea').trigger('keydown', { key: 'Enter' });
    expect(w.props('modelValue')).toBe('node_load5');
    expect(w.emitted('run')).toBeUndefined();
    w.unmount();
  });

  it('suggests label values with the quote closed for the user', async () => {
    const w = mountEditor();
    await type(w, 'up{job="');
    expect(w.findAll('[role=option]').map((i) => i.find('.pe-label').text())).toEqual(['api', 'node']);
    await w.get('textarea').trigger('keydown', { key: 'Tab' });
    expect(w.props('modelValue')).toBe('up{job="api"');
    w.unmount();
  });

  it('runs on Enter when no list is open and adds a line on Shift+Enter', async () => {
    const w = mountEditor('up');
    await w.get('textarea').trigger('keydown', { key: 'Enter', shiftKey: true });
    expect(w.emitted('run')).toBeUndefined();
    await w.get('textarea').trigger('keydown', { key: 'Enter' });
    expect(w.emitted('run')).toHaveLength(1);
    w.unmount();
  });

  it('shows the signature of the call around the caret', async () => {
    const w = mountEditor('rate(');
    const ta = w.get('textarea');
    (ta.element as HTMLTextAreaElement).focus();
    await ta.trigger('focus');
    (ta.element as HTMLTextAreaElement).setSelectionRange(5, 5);
    await ta.trigger('keyup', { key: 'ArrowRight' });
    expect(w.find('[data-testid=query-error]').exists()).toBe(false);
    expect(w.get('[data-testid=signature]').text()).toContain('rate(v range-vector)');
    await ta.trigger('blur');
    expect(w.get('[data-testid=query-error]').text()).toContain('unclosed "("');
    w.unmount();
  });

  it('shows the server error at its position', () => {
    const w = mountEditor('up == == 1', '1:7: parse error: unexpected <op:==>');
    expect(w.get('[data-testid=query-error]').text()).toBe('1:7 unexpected <op:==>');
    expect(w.get('.tok-mark').text()).toBe('=');
    w.unmount();
  });
});

describe('TimeRangePicker', () => {
  it('emits a quick range and validates typed times', async () => {
    const w = mount(TimeRangePicker, { props: { modelValue: { from: 'now-1h', to: 'now' } } });
    await w.get('[data-testid=time-range]').trigger('click');
    await w.findAll('.trp-quick button').find((b) => b.text() === 'Last 6 hours')!.trigger('click');
    expect(w.emitted('update:modelValue')?.[0]).toEqual([{ from: 'now-6h', to: 'now' }]);
    await w.get('[data-testid=time-range]').trigger('click');
    await w.get('[data-testid=range-from]').setValue('last tuesday');
    await w.get('form').trigger('submit');
    expect(w.get('[role=alert]').text()).toContain('"last tuesday" is not a time');
    await w.get('[data-testid=range-from]').setValue('now - 2h');
    await w.get('form').trigger('submit');
    expect(w.emitted('update:modelValue')?.[1]).toEqual([{ from: 'now-2h', to: 'now' }]);
  });
});

describe('ResultTable', () => {
  it('lists vector samples with their labels', () => {
    const w = mount(ResultTable, { props: { result: { resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'a' }, value: [1, '1'] }] } } });
    expect(w.findAll('tbody tr')).toHaveLength(1);
    expect(w.get('tbody td').text()).toBe('up{job="a"}');
  });
  it('sorts by value, largest first, then the other way', async () => {
    const w = mount(ResultTable, { props: { result: { resultType: 'vector', result: [
      { metric: { i: 'a' }, value: [1, '2'] }, { metric: { i: 'b' }, value: [1, '10'] }, { metric: { i: 'c' }, value: [1, 'NaN'] },
    ] } } });
    await w.get('[data-testid=sort-value]').trigger('click');
    expect(w.findAll('tbody tr').map((r) => r.find('td').text())).toEqual(['{i="b"}', '{i="a"}', '{i="c"}']);
    await w.get('[data-testid=sort-value]').trigger('click');
    expect(w.findAll('tbody tr').map((r) => r.find('td').text())).toEqual(['{i="c"}', '{i="a"}', '{i="b"}']);
  });
  it('shows scalars and says when a result is empty', () => {
    expect(mount(ResultTable, { props: { result: { resultType: 'scalar', result: [1, '2'] } } }).text()).toContain('(scalar)');
    expect(mount(ResultTable, { props: { result: { resultType: 'vector', result: [] } } }).text()).toContain('Empty result');
  });
});

describe('VariablePicker', () => {
  it('toggles values of a multi-value variable and falls back to All', async () => {
    const w = mount(VariablePicker, { props: { name: 'host', label: 'Host', options: ['a', 'b'], selected: ['$__all'], multi: true, includeAll: true } });
    await w.get('[data-testid=var-host]').trigger('click');
    const boxes = w.findAll('input[type=checkbox]');
    await boxes[1]!.trigger('change');
    expect(w.emitted('change')?.[0]).toEqual([['a']]);
    await w.setProps({ selected: ['a'] });
    await w.findAll('input[type=checkbox]')[1]!.trigger('change');
    expect(w.emitted('change')?.[1]).toEqual([['$__all']]);
  });
});
