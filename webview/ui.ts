// Our own small set of components. This is the ONLY file that knows which component library draws them (today
// @vscode/webview-ui-toolkit 1.4.0, deprecated upstream in 2025; @vscode-elements/elements is the successor):
// to swap the library, change the imports, the tag names and the few property names here. The rest of the
// webview uses these factories and the narrow interfaces below.
import * as l10n from '@vscode/l10n';
import {
  provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDivider, vsCodeDropdown, vsCodeOption,
  vsCodePanels, vsCodePanelTab, vsCodePanelView, vsCodeProgressRing, vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

provideVSCodeDesignSystem().register(
  vsCodeButton(), vsCodeCheckbox(), vsCodeDivider(), vsCodeDropdown(), vsCodeOption(),
  vsCodePanels(), vsCodePanelTab(), vsCodePanelView(), vsCodeProgressRing(), vsCodeTextField(),
);

/** Resolves once the library's elements are defined (tests wait for body[data-components-ready]). */
export const componentsReady: Promise<void> = Promise.all(
  ['vscode-button', 'vscode-text-field', 'vscode-panels'].map((t) => customElements.whenDefined(t)),
).then(() => undefined);

type Handler = () => void;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, opts: { id?: string; className?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (opts.id) e.id = opts.id;
  if (opts.className) e.className = opts.className;
  if (opts.text !== undefined) e.textContent = opts.text;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export interface Button {
  readonly el: HTMLElement;
  disabled: boolean;
  label: string;
}

export function button(label: string, opts: { id: string; onClick: Handler; appearance?: 'primary' | 'secondary'; title?: string }): Button {
  const e = document.createElement('vscode-button');
  e.id = opts.id;
  e.textContent = label;
  e.setAttribute('appearance', opts.appearance ?? 'secondary');
  if (opts.title) e.title = opts.title;
  e.addEventListener('click', () => { if (!e.hasAttribute('disabled')) opts.onClick(); });
  return {
    el: e,
    get disabled() { return e.hasAttribute('disabled'); },
    set disabled(v: boolean) { e.toggleAttribute('disabled', v); },
    get label() { return e.textContent ?? ''; },
    set label(v: string) { e.textContent = v; },
  };
}

export interface Checkbox {
  readonly el: HTMLElement;
  checked: boolean;
}

export function checkbox(label: string, opts: { id: string; checked: boolean; onChange: (checked: boolean) => void; title?: string }): Checkbox {
  const e = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  e.id = opts.id;
  e.textContent = label;
  if (opts.title) e.title = opts.title;
  e.checked = opts.checked;
  e.addEventListener('change', () => opts.onChange(e.checked));
  return {
    el: e,
    get checked() { return e.checked; },
    set checked(v: boolean) { e.checked = v; },
  };
}

export interface TextField {
  readonly el: HTMLElement;
  value: string;
  invalid: string | undefined;
  focus(): void;
}

export function textField(opts: {
  id: string; label: string; value: string; placeholder?: string; size?: number; maxLength?: number;
  onInput?: (value: string) => void; onEnter?: Handler;
}): TextField {
  const e = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  e.id = opts.id;
  e.textContent = opts.label;
  e.setAttribute('aria-label', opts.label);
  if (opts.placeholder) e.setAttribute('placeholder', opts.placeholder);
  if (opts.size) e.setAttribute('size', String(opts.size));
  if (opts.maxLength) e.setAttribute('maxlength', String(opts.maxLength));
  e.value = opts.value;
  e.addEventListener('input', () => opts.onInput?.(e.value));
  e.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && opts.onEnter) { ev.preventDefault(); opts.onEnter(); }
  });
  let invalid: string | undefined;
  return {
    el: e,
    get value() { return e.value; },
    set value(v: string) { e.value = v; },
    get invalid() { return invalid; },
    set invalid(reason: string | undefined) {
      invalid = reason;
      e.classList.toggle('invalid', !!reason);
      if (reason) e.setAttribute('aria-invalid', 'true'); else e.removeAttribute('aria-invalid');
      e.title = reason ?? '';
    },
    focus() { e.focus(); },
  };
}

export interface Dropdown {
  readonly el: HTMLElement;
  value: string;
  setOptions(options: { value: string; label: string }[], value?: string): void;
}

export function dropdown(opts: { id: string; label: string; options: { value: string; label: string }[]; value?: string; onChange: (value: string) => void }): Dropdown {
  const e = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  e.id = opts.id;
  e.setAttribute('aria-label', opts.label);
  e.title = opts.label;
  e.addEventListener('change', () => opts.onChange(e.value));
  const api: Dropdown = {
    el: e,
    get value() { return e.value; },
    set value(v: string) { e.value = v; },
    setOptions(options, value) {
      e.replaceChildren(...options.map((o) => {
        const opt = document.createElement('vscode-option') as HTMLElement & { value: string };
        opt.setAttribute('value', o.value);
        opt.textContent = o.label;   // untrusted text (network names): textContent only
        return opt;
      }));
      if (value !== undefined) queueMicrotask(() => { e.value = value; });
    },
  };
  api.setOptions(opts.options, opts.value);
  return api;
}

export interface Tabs {
  readonly el: HTMLElement;
  active: string;
}

/** Tabs with their views; ids are `tab-<key>` / `view-<key>`; arrow keys move between tabs. */
export function tabs(items: { key: string; label: string; view: HTMLElement }[], active: string, onChange: (key: string) => void): Tabs {
  const e = document.createElement('vscode-panels') as HTMLElement & { activeid: string };
  e.setAttribute('activeid', `tab-${active}`);
  for (const item of items) {
    const tab = document.createElement('vscode-panel-tab');
    tab.id = `tab-${item.key}`;
    tab.textContent = item.label;
    e.append(tab);
  }
  for (const item of items) {
    const view = document.createElement('vscode-panel-view');
    view.id = `view-${item.key}`;
    view.append(item.view);
    e.append(view);
  }
  e.addEventListener('change', (ev) => {
    if (ev.target !== e) return;   // change events of controls inside the views bubble up here too
    onChange(String(e.activeid ?? '').replace(/^tab-/, ''));
  });
  return {
    el: e,
    get active() { return String(e.activeid ?? '').replace(/^tab-/, ''); },
    set active(key: string) { e.activeid = `tab-${key}`; },
  };
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}

export function spinner(id: string): HTMLElement {
  const e = document.createElement('vscode-progress-ring');
  e.id = id;
  e.setAttribute('aria-label', l10n.t('Working'));
  return e;
}
