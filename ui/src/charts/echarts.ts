// The only place that imports ECharts. Registering just the parts the UI draws
// keeps the bundle lean (the full build is about three times larger).

import { init, use, connect, type ECharts } from 'echarts/core';
import { LineChart, BarChart, GaugeChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, MarkAreaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GaugeChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, MarkAreaComponent, CanvasRenderer]);

export { init, connect, type ECharts };
