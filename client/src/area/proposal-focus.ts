import type { ProposalResponse } from '../../../server/contracts/proposals.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';
import { proposalChangeText } from '../ui/area-table-view.js';
import type { AreaCtrl } from './ctrl.js';

/** The line above the timeline while a proposal from the inbox is shown, with a button to close it. */
export function proposalFocusNote(ctrl: AreaCtrl): { element: HTMLElement; update(): void } {
  const element = h('p', { class: 'pair-focus proposal-focus', hidden: true });
  let shown: ProposalResponse | null = null;
  return {
    element,
    update() {
      const focus = ctrl.state.proposalFocus;
      if (focus === shown) return;
      shown = focus;
      element.hidden = focus === null;
      if (!focus) return;
      element.replaceChildren(
        icon('info'),
        ` ${t('proposalFocus', { task: focus.taskTitle, change: proposalChangeText(focus) })} `,
        h('span', { class: 'proposal-reason' }, focus.reason ? `“${focus.reason}” ` : ''),
        h('button', { type: 'button', class: 'link-button', onclick: () => ctrl.clearProposal() }, t('proposalFocusClear')),
      );
    },
  };
}
