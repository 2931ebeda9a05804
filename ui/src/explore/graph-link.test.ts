import { describe, expect, it } from 'vitest';
import { graphToExplore } from './graph-link.js';

describe('graphToExplore', () => {
  it('reads Prometheus /graph links into Explore parameters', () => {
    expect(graphToExplore({ 'g0.expr': 'up == 0', 'g0.tab': '1' })).toEqual({ expr: 'up == 0', mode: 'instant' });
    expect(graphToExplore({ 'g0.expr': 'rate(x[5m])', 'g0.tab': '0', 'g0.range_input': '6h' })).toEqual({ expr: 'rate(x[5m])', from: 'now-6h' });
  });
  it('passes Explore parameters through', () => {
    expect(graphToExplore({ expr: 'up' })).toEqual({ expr: 'up' });
  });
});
