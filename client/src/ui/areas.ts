import type { User } from '../../../server/contracts/users.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { countText, t } from '../i18n.js';
import { OVERVIEW_HASH, programmeHref } from '../programme/parts.js';

/**
 * The start page: first the national overview and the water boards' programmes, then every area
 * with its tasks, parties and alignment counts.
 */
export async function renderAreas(main: HTMLElement, _user?: User): Promise<void> {
  const [summaries, parties] = await Promise.all([api.areaSummaries(), api.parties()]);
  const waterBoards = parties.filter((party) => party.kind === 'waterschap').sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  main.replaceChildren(
    h('h1', {}, t('areasTitle')),
    h('p', { class: 'national-link' }, h('a', { href: OVERVIEW_HASH }, t('overviewLink'))),
    h('p', {}, t('overviewLinkIntro')),
    ...(waterBoards.length === 0
      ? []
      : [
          h(
            'nav',
            { class: 'programme-links', 'aria-labelledby': 'programme-links-heading' },
            h('h2', { id: 'programme-links-heading' }, t('programmesLinks')),
            h(
              'ul',
              {},
              waterBoards.map((party) => h('li', {}, h('a', { href: programmeHref(party.id) }, party.name))),
            ),
          ),
        ]),
    h('p', {}, t('areasIntro')),
    h(
      'ul',
      { class: 'area-cards' },
      summaries.map((summary) =>
        h(
          'li',
          { class: 'area-card' },
          h('h2', {}, h('a', { href: `#/gebied/${encodeURIComponent(summary.areaId)}` }, summary.name)),
          summary.description ? h('p', {}, summary.description) : null,
          h(
            'dl',
            { class: 'area-stats' },
            stat(summary.taskCount, countText(summary.taskCount, 'task').replace(/^[\d.,]+ /, '')),
            stat(summary.partyCount, countText(summary.partyCount, 'party').replace(/^[\d.,]+ /, '')),
            stat(summary.alignments.aligned, t('aligned'), 'aligned'),
            stat(summary.alignments.alignable, t('alignable'), 'alignable'),
            stat(summary.alignments.soilOpportunities, t('soilOpportunities'), 'soil'),
          ),
        ),
      ),
    ),
  );
}

function stat(value: number, text: string, className = ''): HTMLElement {
  return h('div', { class: `stat ${className}` }, h('dt', {}, text), h('dd', {}, String(value)));
}
