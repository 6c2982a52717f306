import { addDays, addMonths } from 'date-fns';
import { api } from '../api.js';
import { h } from '../dom.js';
import { t, type TextKey } from '../i18n.js';
import { diffItems } from './snapshot-view.js';
import { errorBlock } from './status.js';

/** How long a new share link works: the choices offered, the first the default. */
const EXPIRIES: { value: string; text: TextKey; from: (now: Date) => Date | null }[] = [
  { value: 'month', text: 'expiryMonth', from: (now) => addMonths(now, 1) },
  { value: 'week', text: 'expiryWeek', from: (now) => addDays(now, 7) },
  { value: 'three-months', text: 'expiryThreeMonths', from: (now) => addMonths(now, 3) },
  { value: 'none', text: 'expiryNever', from: () => null },
];

/** Copies text to the clipboard; where the browser refuses, selects it so the user can copy it. */
async function copyText(field: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    field.select();
    return false;
  }
}

/** A new link, shown once: in a field to select, with a button that copies it. */
let linkBlocks = 0;

function newLinkBlock(url: string): HTMLElement {
  const field = h('input', { type: 'text', id: `share-url-${++linkBlocks}`, class: 'share-url', value: url, readonly: true });
  const copied = h('p', { class: 'copy-status', role: 'status' });
  return h(
    'div',
    { class: 'new-share-link' },
    h('label', { for: field.id }, t('shareLinkMade')),
    h(
      'div',
      { class: 'share-url-row' },
      field,
      h(
        'button',
        { type: 'button', class: 'copy-link', onclick: () => void copyText(field).then((done) => (copied.textContent = t(done ? 'linkCopied' : 'copyFailed'))) },
        t('copyLink'),
      ),
    ),
    copied,
  );
}

/** On an area page, for directors and planners: make a snapshot, list them, share, compare with now. */
export function snapshotsPanel(areaId: string, titleOf: (taskId: string) => string, partyName: (partyId: string) => string): HTMLElement {
  const list = h('ul', { class: 'snapshot-list' });
  const feedback = h('div', { 'aria-live': 'polite' });
  const title = h('input', { id: 'snapshot-title', type: 'text', required: true });
  const date = h('input', { id: 'snapshot-date', type: 'date' });
  const expiry = h('select', { id: 'share-expiry' }, EXPIRIES.map((choice) => h('option', { value: choice.value }, t(choice.text))));

  async function refresh() {
    const snapshots = await api.snapshots(areaId);
    list.replaceChildren(
      ...snapshots.map((snapshot) => {
        const detail = h('div', { class: 'snapshot-detail' });
        const links = h('ul', { class: 'share-links' });
        const showLinks = async () => {
          const all = await api.shareLinks(snapshot.id);
          links.replaceChildren(
            ...all.map((link) =>
              h(
                'li',
                {},
                `${t('shareLink')} ${link.createdAt.slice(0, 16).replace('T', ' ')}${link.expiresAt ? ` (${t('expires')} ${link.expiresAt.slice(0, 10)})` : ''}: `,
                link.revokedAt ? t('revoked') : h('button', { type: 'button', class: 'revoke-link', onclick: () => askRevoke(link) }, t('revoke')),
              ),
            ),
          );
        };
        // Revoking cannot be undone and cuts off everyone holding the link: asked first, in place.
        const askRevoke = (link: { id: string; createdAt: string }) => {
          const created = link.createdAt.slice(0, 16).replace('T', ' ');
          const confirm = h(
            'div',
            { class: 'confirm revoke-confirm' },
            h('p', {}, t('revokeConfirm', { created })),
            h(
              'button',
              {
                type: 'button',
                class: 'danger confirm-revoke',
                onclick: () => void api.revokeShareLink(link.id).then(() => (detail.replaceChildren(), showLinks()), (error: unknown) => detail.replaceChildren(errorBlock(error))),
              },
              t('revokeYes'),
            ),
            h('button', { type: 'button', class: 'cancel-revoke', onclick: () => detail.replaceChildren() }, t('cancel')),
          );
          detail.replaceChildren(confirm);
          confirm.querySelector<HTMLElement>('.confirm-revoke')?.focus();
        };
        void showLinks().catch((error: unknown) => detail.replaceChildren(errorBlock(error)));
        return h(
          'li',
          { class: 'snapshot-item' },
          h('strong', {}, snapshot.title),
          ` · ${snapshot.meetingDate ?? snapshot.createdAt.slice(0, 10)} · `,
          h('a', { href: `#/snapshot/${encodeURIComponent(snapshot.id)}` }, t('snapshotOpen')),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'share-snapshot',
              onclick: () =>
                void api.createShareLink(snapshot.id, EXPIRIES.find((choice) => choice.value === expiry.value)?.from(new Date())?.toISOString() ?? null).then(
                  (link) => {
                    detail.replaceChildren(newLinkBlock(`${location.origin}${link.url}`));
                    void showLinks();
                  },
                  (error: unknown) => detail.replaceChildren(errorBlock(error)),
                ),
            },
            t('snapshotShare'),
          ),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'compare-snapshot',
              onclick: () =>
                void api.snapshotDiff(snapshot.id, 'current').then(
                  (diff) => {
                    const items = diffItems(diff, titleOf, partyName);
                    detail.replaceChildren(items.length ? h('ul', { class: 'diff-list' }, items.map((text) => h('li', {}, text))) : h('p', {}, t('noChanges')));
                  },
                  (error: unknown) => detail.replaceChildren(errorBlock(error)),
                ),
            },
            t('snapshotCompare'),
          ),
          detail,
          links,
        );
      }),
    );
  }

  const form = h(
    'form',
    {
      class: 'toolbar snapshot-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        feedback.replaceChildren();
        try {
          await api.createSnapshot({ areaId, title: title.value.trim(), meetingDate: date.value || null });
          title.value = '';
          await refresh();
        } catch (error) {
          feedback.replaceChildren(errorBlock(error));
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'snapshot-title' }, t('snapshotTitle')), title),
    h('div', { class: 'field' }, h('label', { for: 'snapshot-date' }, t('snapshotMeeting')), date),
    h('button', { type: 'submit', class: 'make-snapshot' }, t('snapshotCreate')),
  );
  const shareSettings = h('div', { class: 'toolbar share-settings' }, h('div', { class: 'field' }, h('label', { for: expiry.id }, t('shareExpiry')), expiry));
  void refresh().catch((error: unknown) => feedback.replaceChildren(errorBlock(error)));
  return h('section', { class: 'snapshots-panel', 'aria-labelledby': 'snapshots-title' }, h('h2', { id: 'snapshots-title' }, t('snapshotsTitle')), form, feedback, shareSettings, list);
}
