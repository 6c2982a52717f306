import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { diffItems } from './snapshot-view.js';
import { errorBlock } from './status.js';

/** On an area page, for directors and planners: make a snapshot, list them, share, compare with now. */
export function snapshotsPanel(areaId: string, titleOf: (taskId: string) => string): HTMLElement {
  const list = h('ul', { class: 'snapshot-list' });
  const feedback = h('div', { 'aria-live': 'polite' });
  const title = h('input', { id: 'snapshot-title', type: 'text', required: true });
  const date = h('input', { id: 'snapshot-date', type: 'date' });

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
                link.revokedAt
                  ? t('revoked')
                  : h(
                      'button',
                      { type: 'button', class: 'revoke-link', onclick: () => void api.revokeShareLink(link.id).then(showLinks, (error: unknown) => detail.replaceChildren(errorBlock(error))) },
                      t('revoke'),
                    ),
              ),
            ),
          );
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
                void api.createShareLink(snapshot.id).then(
                  (link) => {
                    const url = `${location.origin}${link.url}`;
                    detail.replaceChildren(h('p', {}, t('shareLinkMade'), ' ', h('a', { href: url, class: 'share-url' }, url)));
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
                    const items = diffItems(diff, titleOf);
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
  void refresh().catch((error: unknown) => feedback.replaceChildren(errorBlock(error)));
  return h('section', { class: 'snapshots-panel', 'aria-labelledby': 'snapshots-title' }, h('h2', { id: 'snapshots-title' }, t('snapshotsTitle')), form, feedback, list);
}
