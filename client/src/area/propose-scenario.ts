import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorText, type AreaCtrl } from './ctrl.js';

/**
 * *Voorleggen* (issue 17): every move of the open scenario that concerns another party's task
 * becomes a proposal to that party, all in one bundle. The scenario panel shows it when the
 * scenario moves a task the user may not edit.
 */
export function proposeScenarioControl(ctrl: AreaCtrl): HTMLElement {
  const reason = h('input', { id: 'propose-scenario-reason', type: 'text', required: true, maxlength: 2000 });
  return h(
    'form',
    {
      class: 'propose-scenario',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const scenario = ctrl.state.scenario;
        if (!scenario) return;
        try {
          const bundle = await api.proposeScenario(scenario.id, reason.value.trim() || scenario.name);
          ctrl.announce(t('proposeScenarioDone', { count: bundle.proposals.length }));
          reason.value = '';
        } catch (error) {
          ctrl.announce(errorText(error));
        }
      },
    },
    h('label', { for: 'propose-scenario-reason' }, t('proposeScenarioReason')),
    reason,
    h('button', { type: 'submit', class: 'propose-scenario-send' }, t('proposeScenario')),
  );
}
