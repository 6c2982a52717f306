import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

const region = () => document.getElementById('status')!;

/** Announces loading in the live region, so screen readers and sighted users both see it. */
export function showLoading(): void {
  region().replaceChildren(h('p', { class: 'loading' }, t('loading')));
}

export function clearStatus(): void {
  region().replaceChildren();
}

/** A failure as the server's problem title and detail, never a blank page. */
export function errorBlock(error: unknown): HTMLElement {
  const problem = error instanceof ApiError ? error.problem : null;
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('strong', {}, problem?.title ?? t('errorTitle')),
    h('p', {}, problem?.detail ?? (error instanceof Error ? error.message : String(error))),
  );
}
