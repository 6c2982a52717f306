import type { User } from '../../server/contracts/users.js';
import { roleHas } from '../../server/domain/permissions.js';
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { label, language, loadLanguage, setLanguage, t } from './i18n.js';
import './styles.css';
import { loadArea, renderArea } from './ui/area.js';
import { renderAdmin } from './ui/admin.js';
import { renderAreas } from './ui/areas.js';
import { renderImport } from './ui/import.js';
import { openProposalCount, renderInbox } from './ui/inbox.js';
import { renderLogin } from './ui/login.js';
import { renderSnapshotView } from './ui/snapshot-view.js';
import { clearStatus, errorBlock, showLoading } from './ui/status.js';
// Programme page and national overview (issue 14); the pages and their charts load when opened.
import { OVERVIEW_HASH, programmeHref, programmePartyId } from './programme/parts.js';

const main = document.getElementById('main')!;
const header = document.getElementById('app-header')!;
let user: User | null = null;
let disposeView: (() => void) | null = null;
/** Whether the next page moves focus to its heading: not on the very first load (the skip link comes first). */
let focusHeading = false;

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
        roleHas(user.role, 'edit_tasks') ? h('a', { href: '#/import', class: 'import-link' }, t('importNav')) : null,
        roleHas(user.role, 'manage_users') || roleHas(user.role, 'manage_areas') ? h('a', { href: '#/beheer', class: 'admin-link' }, t('adminNav')) : null,
        // Programme page (issue 14): a planner's own party's programme.
        user.role === 'planner' && user.partyId ? h('a', { href: programmeHref(user.partyId), class: 'programme-link' }, t('programmeNav')) : null,
        inboxLink(),
        // The name says the party already; the role in words, not the party's id.
        h('span', { class: 'user-name' }, `${user.name} · ${label(user.role)}`),
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

/** A share link (`/s/<token>`) opens one snapshot read-only, without signing in. */
async function routeShared(token: string): Promise<void> {
  renderHeader();
  try {
    const shared = await api.shared(token);
    disposeView = await renderSnapshotView(main, shared, `/api/shared/${encodeURIComponent(token)}`, new Date());
    clearStatus();
  } catch (error) {
    clearStatus();
    main.replaceChildren(errorBlock(error));
  }
}

async function route(): Promise<void> {
  disposeView?.();
  disposeView = null;
  showLoading();
  const sharedToken = /^\/s\/([^/]+)$/.exec(location.pathname)?.[1];
  if (sharedToken) return routeShared(decodeURIComponent(sharedToken));
  const areaMatch = /^#\/gebied\/([^/]+)(?:\/voorstel\/([^/]+)|\/scenario\/([^/]+))?$/.exec(location.hash);
  const areaId = areaMatch ? decodeURIComponent(areaMatch[1]!) : null;
  const proposalId = areaMatch?.[2] ? decodeURIComponent(areaMatch[2]) : null;
  const scenarioId = areaMatch?.[3] ? decodeURIComponent(areaMatch[3]) : null;
  // Fetch the area together with the session check; a 401 is answered by the login page instead.
  const areaLoad = areaId ? loadArea(areaId) : null;
  areaLoad?.catch(() => undefined);
  try {
    const signedIn = await ensureUser();
    renderHeader();
    if (!signedIn) {
      await renderLogin(main, () => {
        focusHeading = true;
        void route();
      });
      clearStatus();
      return;
    }
    const snapshotId = /^#\/snapshot\/([^/]+)$/.exec(location.hash)?.[1];
    if (areaId && areaLoad) disposeView = await renderArea(main, areaLoad, user!, new Date(), { proposalId, scenarioId });
    else if (location.hash === '#/voorstellen') await renderInbox(main, user!, () => void refreshInboxCount());
    else if (snapshotId) {
      const id = decodeURIComponent(snapshotId);
      disposeView = await renderSnapshotView(main, await api.snapshotView(id), `/api/snapshots/${encodeURIComponent(id)}`, new Date());
    } else if (location.hash === '#/import') renderImport(main);
    else if (location.hash.startsWith('#/beheer')) await renderAdmin(main, user!, location.hash);
    // Programme page and national overview (issue 14)
    else if (programmePartyId(location.hash) !== null) {
      const { renderProgramme } = await import('./programme/programme-page.js');
      disposeView = await renderProgramme(main, programmePartyId(location.hash)!, user!, new Date());
    } else if (location.hash === OVERVIEW_HASH) await (await import('./programme/overview-page.js')).renderOverview(main);
    else await renderAreas(main, user!);
    clearStatus();
    // After signing in or opening a page, a screen reader starts at the page's heading.
    if (focusHeading) {
      const heading = main.querySelector<HTMLElement>('h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    }
    focusHeading = true;
  } catch (error) {
    clearStatus();
    renderHeader();
    main.replaceChildren(errorBlock(error));
  }
}

// The area table (issue 17): the header's link to the inbox, with the number of proposals waiting for the user's party.
const inboxCount = h('span', { class: 'inbox-count' });

function inboxLink(): HTMLElement {
  void refreshInboxCount();
  return h('a', { href: '#/voorstellen', class: 'inbox-link' }, t('inboxNav'), ' ', inboxCount);
}

async function refreshInboxCount(): Promise<void> {
  if (!user) return;
  const count = await openProposalCount(user).catch(() => 0);
  inboxCount.textContent = count > 0 ? `(${t('inboxCount', { count })})` : '';
}

loadLanguage();
window.addEventListener('hashchange', () => void route());
void route();
