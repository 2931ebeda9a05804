// Keeps Tab and Shift+Tab inside a modal dialog, so the keyboard cannot wander
// to the page behind it. Use as @keydown="trapFocus" on the dialog element.

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function trapFocus(e: KeyboardEvent): void {
  // A Tab the editor used (accepting a suggestion) is not a focus move.
  if (e.key !== 'Tab' || e.defaultPrevented) return;
  const root = e.currentTarget as HTMLElement;
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
