import type { User } from '../../server/contracts/users.js';
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { label, language, loadLanguage, setLanguage, t } from './i18n.js';
import './styles.css';
import { loadArea, renderArea } from './ui/area.js';
import { renderAreas } from './ui/areas.js';
import { renderLogin } from './ui/login.js';
import { clearStatus, errorBlock, showLoading } from './ui/status.js';

const main = document.getElementById('main')!;
const header = document.getElementById('app-header')!;
let user: User | null = null;
let disposeView: (() => void) | null = null;

function renderHeader(): void {
  document.documentElement.lang = language();
  document.title = t('appName');
  document.querySelector('.skip-link')!.textContent = t('skipLink');
  const switcher = h(
    'div',
    { class: 'language-switch', role: 'group', 'aria-label': t('language') },
    (['nl', 'en'] as const).map((code) =>
      h(
        'button',
        {
          type: 'button',
          lang: code,
          'aria-pressed': String(language() === code),
          onclick: () => {
            setLanguage(code);
            void route();
          },
        },
        code === 'nl' ? 'Nederlands' : 'English',
      ),
    ),
  );
  const menu = user
    ? h(
        'div',
        { class: 'user-menu' },
        h('span', { class: 'user-name' }, `${user.name} · ${label(user.role)}${user.partyId ? ` · ${user.partyId}` : ''}`),
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              await api.logout().catch(() => undefined);
              user = null;
              location.hash = '#/';
              void route();
            },
          },
          t('logout'),
        ),
      )
    : null;
  header.replaceChildren(h('a', { href: '#/', class: 'app-name' }, t('appName')), h('div', { class: 'header-tools' }, menu, switcher));
}

async function ensureUser(): Promise<boolean> {
  if (user) return true;
  try {
    user = await api.me();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) return false;
    throw error;
  }
}

async function route(): Promise<void> {
  disposeView?.();
  disposeView = null;
  showLoading();
  const areaMatch = /^#\/gebied\/([^/]+)$/.exec(location.hash);
  const areaId = areaMatch ? decodeURIComponent(areaMatch[1]!) : null;
  // Fetch the area together with the session check; a 401 is answered by the login page instead.
  const areaLoad = areaId ? loadArea(areaId) : null;
  areaLoad?.catch(() => undefined);
  try {
    const signedIn = await ensureUser();
    renderHeader();
    if (!signedIn) {
      await renderLogin(main, () => void route());
      clearStatus();
      return;
    }
    if (areaId && areaLoad) disposeView = await renderArea(main, areaId, areaLoad, user!, new Date());
    else await renderAreas(main);
    clearStatus();
  } catch (error) {
    clearStatus();
    renderHeader();
    main.replaceChildren(errorBlock(error));
  }
}

loadLanguage();
window.addEventListener('hashchange', () => void route());
void route();
