/**
 * The cockpit's keyboard shortcuts (core CK3), as presenters expect them: N, → or Page Down for the next
 * round, R reveal, T a minute more on the timer, L pause, O open, ? the list. A key pressed while typing
 * (an input, a text area, a select, an editor) or with Ctrl, Alt or Meta is never a shortcut.
 */
export type ShortcutAction = 'next' | 'reveal' | 'timer' | 'lock' | 'open' | 'help';

/** The order the list on the page shows them in. */
export const SHORTCUTS: readonly ShortcutAction[] = ['next', 'reveal', 'timer', 'lock', 'open', 'help'];

const KEYS: Record<string, ShortcutAction> = {
  n: 'next',
  arrowright: 'next',
  pagedown: 'next',
  r: 'reveal',
  t: 'timer',
  l: 'lock',
  o: 'open',
  '?': 'help',
};

/** What a key press asks for: the parts of a KeyboardEvent that decide it. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

/** Where typing happens: a key there is text, not a command. */
export function isTyping(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return true;
  return false;
}

/** Inside a widget with keys of its own (a menu, tabs, a dialog), its keys stay its own. */
export function inWidget(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  return target.closest('dialog, [role="menu"], [role="menuitem"], [role="tablist"], [role="listbox"]') !== null;
}

export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey || press.repeat || press.defaultPrevented) return null;
  if (isTyping(press.target) || inWidget(press.target)) return null;
  return KEYS[press.key.toLowerCase()] ?? null;
}
