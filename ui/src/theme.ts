// Light/dark theme: a data attribute on <html> drives the CSS variables; charts
// watch `theme` to redraw with the new ink.

import { ref, watch } from 'vue';

export type Theme = 'light' | 'dark';
const KEY = 'panoptes.theme';

function initial(): Theme {
  const attr = document.documentElement.dataset['theme'];
  return attr === 'dark' ? 'dark' : 'light';
}

export const theme = ref<Theme>(initial());

watch(theme, (t) => {
  document.documentElement.dataset['theme'] = t;
  try {
    localStorage.setItem(KEY, t);
  } catch {
    // Private windows may refuse storage; the theme still applies to this page.
  }
});

export const toggleTheme = (): void => {
  theme.value = theme.value === 'dark' ? 'light' : 'dark';
};
