import { api } from '../api.js';
import { h } from '../dom.js';
import { label, t } from '../i18n.js';
import { errorBlock } from './status.js';

/** The sign-in form; in demo mode it lists the demo accounts and fills one in on click. */
export async function renderLogin(main: HTMLElement, onSignedIn: () => void): Promise<void> {
  const email = h('input', { id: 'login-email', type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const feedback = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    {
      class: 'login-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        feedback.replaceChildren();
        try {
          await api.login(email.value, password.value);
          onSignedIn();
        } catch (error) {
          feedback.replaceChildren(errorBlock(error));
        }
      },
    },
    h('h1', {}, t('loginTitle')),
    h('label', { for: 'login-email' }, t('email')),
    email,
    h('label', { for: 'login-password' }, t('password')),
    password,
    h('button', { type: 'submit', class: 'primary' }, t('loginButton')),
    feedback,
  );
  main.replaceChildren(form);
  const demo = await api.demoAccounts().catch(() => null);
  if (!demo?.demo) return;
  const banner = h('p', { class: 'demo-banner', role: 'note' }, `${t('demoBanner')} `, h('code', {}, demo.password ?? ''));
  const list = h(
    'ul',
    { class: 'demo-accounts' },
    demo.accounts.map((account) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            onclick: () => {
              email.value = account.email;
              password.value = demo.password ?? '';
              password.focus();
            },
          },
          account.email,
        ),
        ` — ${account.name} (${label(account.role)})`,
      ),
    ),
  );
  main.append(h('section', { class: 'demo' }, banner, h('h2', {}, t('demoAccounts')), list));
}
