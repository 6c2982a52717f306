import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { problemText, t } from '../i18n.js';

const region = () => document.getElementById('status')!;

/** Announces loading in the live region, so screen readers and sighted users both see it. */
export function showLoading(): void {
  region().replaceChildren(h('p', { class: 'loading' }, t('loading')));
}

export function clearStatus(): void {
  region().replaceChildren();
}

/**
 * A failure, never a blank page: the text of the problem's message code in the reader's language,
 * with the server's own (English) detail and request id folded away for whoever helps them. A
 * problem whose code this client does not know shows its title and detail as they are.
 */
export function errorBlock(error: unknown): HTMLElement {
  const problem = error instanceof ApiError ? error.problem : null;
  const text = problem ? problemText(problem) : undefined;
  if (!problem || text === undefined) {
    return h(
      'div',
      { class: 'error', role: 'alert' },
      h('strong', {}, problem?.title ?? t('errorTitle')),
      h('p', {}, problem?.detail ?? (error instanceof Error ? error.message : String(error))),
    );
  }
  const fields = (problem.errors ?? []).map((field) => h('li', {}, `${field.pointer}: ${field.message}`));
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('strong', {}, t('errorTitle')),
    h('p', { class: 'error-message' }, text),
    h(
      'details',
      { class: 'error-detail' },
      h('summary', {}, t('technicalDetails')),
      h('p', { lang: 'en' }, `${problem.status} ${problem.title}: ${problem.detail}`),
      fields.length > 0 ? h('ul', { lang: 'en' }, fields) : null,
      problem.requestId ? h('p', {}, `request id: ${problem.requestId}`) : null,
    ),
  );
}
