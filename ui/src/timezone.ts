// The time zone toggle (local or UTC), remembered in this browser. Charts and
// tables watch `utc` to redraw.

import { ref, watch } from 'vue';
import { zone } from './time/zone.js';

const KEY = 'panoptes.utc';

function initial(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export const utc = ref(initial());
zone.utc = utc.value;

watch(utc, (v) => {
  zone.utc = v;
  try {
    localStorage.setItem(KEY, v ? '1' : '0');
  } catch {
    // Storage refused: the choice lasts until the page reloads.
  }
});
