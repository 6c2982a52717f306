import type { User } from '../../../server/contracts/users.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { countText, t } from '../i18n.js';

/** The start page: every area with its tasks, parties and alignment counts. */
export async function renderAreas(main: HTMLElement, _user?: User): Promise<void> {
  const summaries = await api.areaSummaries();
  main.replaceChildren(
    h('h1', {}, t('areasTitle')),
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
