// Closes a popover when you press outside it (Esc is handled by each popover).

import { onBeforeUnmount, onMounted, type Ref } from 'vue';

export function useDismiss(root: Ref<HTMLElement | undefined>, open: Ref<boolean>): void {
  const onPointer = (e: PointerEvent): void => {
    if (open.value && root.value && !root.value.contains(e.target as Node)) open.value = false;
  };
  onMounted(() => document.addEventListener('pointerdown', onPointer, true));
  onBeforeUnmount(() => document.removeEventListener('pointerdown', onPointer, true));
}
