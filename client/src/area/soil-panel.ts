import type { PutSoilSettingsBody, SoilLedgerResponse, SoilSettingsResponse } from '../../../server/contracts/soil.js';
import { roleHas } from '../../../server/domain/permissions.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatMonth, formatNumber, t, type TextKey } from '../i18n.js';
import { ledgerFigure } from '../ui/soil-ledger-chart.js';
import { errorBlock } from '../ui/status.js';
import type { AreaCtrl } from './ctrl.js';

const SETTING_FIELDS = ['soilStorageMonths', 'savingEurPerM3', 'truckLoadM3'] as const;
type SettingField = (typeof SETTING_FIELDS)[number];

const SETTING_TEXT: Record<SettingField, { label: TextKey; unit: TextKey; step: string; min: string; max: string }> = {
  soilStorageMonths: { label: 'soilSettingStorage', unit: 'soilUnitMonths', step: '1', min: '0', max: '240' },
  savingEurPerM3: { label: 'soilSettingSaving', unit: 'soilUnitEurPerM3', step: 'any', min: '0', max: '10000' },
  truckLoadM3: { label: 'soilSettingTruck', unit: 'soilUnitM3', step: 'any', min: '0.1', max: '1000' },
};

/** Sidebar width left for the chart once the panel's padding is taken off. */
const PANEL_CHART_WIDTH = 440;

/**
 * The Grond tab: the area's soil ledger as a chart with its totals and tables (baseline, or in
 * scenario mode the open scenario against the baseline, redrawn after every move), and the
 * area's key figures with the sources of their defaults, editable by its directors and admins.
 */
export class SoilPanel {
  readonly element: HTMLElement;
  private readonly intro = h('p', { class: 'hint soil-intro' });
  private readonly figureSlot = h('div', { class: 'soil-figure-slot', 'aria-busy': 'false' });
  private readonly settingsSlot = h('div', { class: 'soil-settings-slot' });
  /** What the figure was last drawn from: the tasks, the scenario shown (null for the baseline) and the key figures. */
  private drawn: { tasks: unknown; scenario: unknown; settings: unknown } | null = null;
  private settings: SoilSettingsResponse | null = null;
  /** The latest load; an older answer arriving late is dropped. */
  private loading = 0;
  private monthMarked = false;

  constructor(
    private readonly ctrl: AreaCtrl,
    private readonly markMonth: (month: string | null) => void,
  ) {
    this.element = h(
      'section',
      { class: 'soil-panel', 'aria-labelledby': 'soil-title' },
      h('h2', { id: 'soil-title' }, t('soilTitle')),
      this.intro,
      this.figureSlot,
      this.settingsSlot,
    );
  }

  update(): void {
    const { state } = this.ctrl;
    if (state.panel !== 'soil') {
      if (this.monthMarked) this.onMonth(null);
      return;
    }
    const scenario = state.scenarioMode ? state.scenario : null;
    const key = { tasks: state.tasks, scenario, settings: this.settings };
    if (this.drawn && this.drawn.tasks === key.tasks && this.drawn.scenario === key.scenario && this.drawn.settings === key.settings) return;
    this.drawn = key;
    void this.load();
  }

  private onMonth(month: string | null): void {
    this.monthMarked = month !== null;
    this.markMonth(month);
  }

  private async load(): Promise<void> {
    const ticket = ++this.loading;
    const { state } = this.ctrl;
    const areaId = state.area.id;
    const scenario = state.scenarioMode ? state.scenario : null;
    this.figureSlot.setAttribute('aria-busy', 'true');
    if (!this.figureSlot.hasChildNodes()) this.figureSlot.replaceChildren(h('p', { class: 'loading' }, t('loading')));
    try {
      const [baseline, scenarioLedger, settings] = await Promise.all([
        api.soilLedger(areaId),
        scenario ? api.soilLedger(areaId, scenario.id) : Promise.resolve(null),
        this.settings ? Promise.resolve(this.settings) : api.soilSettings(areaId),
      ]);
      if (ticket !== this.loading) return;
      const shown: SoilLedgerResponse = scenarioLedger ?? baseline;
      const figure = await ledgerFigure({
        ledger: shown,
        baseline: scenarioLedger ? baseline : null,
        titleOf: (taskId) => this.ctrl.title(taskId),
        idPrefix: 'soil',
        width: Math.max(this.figureSlot.clientWidth, PANEL_CHART_WIDTH),
        onMonth: (month) => this.onMonth(month),
      });
      if (ticket !== this.loading) return;
      // Keep keyboard users where they were when a move redraws the figure.
      const hadFocus = this.figureSlot.contains(document.activeElement) && document.activeElement?.classList.contains('soil-month-picker');
      this.intro.textContent = scenario
        ? t('soilIntroScenario', { name: scenario.name, month: formatMonth(shown.asOf) })
        : t('soilIntro', { month: formatMonth(shown.asOf) });
      this.figureSlot.replaceChildren(figure);
      if (hadFocus) this.figureSlot.querySelector<HTMLElement>('.soil-month-picker')?.focus();
      if (this.settings !== settings) {
        this.settings = settings;
        this.drawn = { ...this.drawn!, settings };
        this.renderSettings(settings);
      }
    } catch (error) {
      if (ticket === this.loading) this.figureSlot.replaceChildren(errorBlock(error));
    } finally {
      if (ticket === this.loading) this.figureSlot.setAttribute('aria-busy', 'false');
    }
  }

  /** The key figures in effect, each beside its default and where that comes from; a form for the area's directors. */
  private renderSettings(settings: SoilSettingsResponse): void {
    const mayEdit = roleHas(this.ctrl.state.user.role, 'manage_areas');
    const feedback = h('div', { class: 'soil-settings-feedback', 'aria-live': 'polite' });
    const inputs = new Map<SettingField, HTMLInputElement>();
    const rows = SETTING_FIELDS.map((field) => {
      const text = SETTING_TEXT[field];
      const source = settings.defaults[field];
      const unit = t(text.unit);
      const inEffect = `${formatNumber(settings[field])} ${unit} (${t(settings.own[field] ? 'soilSettingOwn' : 'soilSettingFollowsDefault')})`;
      const id = `soil-setting-${field}`;
      const control = mayEdit
        ? (() => {
            const input = h('input', {
              id,
              type: 'number',
              step: text.step,
              min: text.min,
              max: text.max,
              inputmode: 'decimal',
              value: settings.own[field] ? String(settings[field]) : '',
              placeholder: formatNumber(source.value),
              'aria-describedby': `${id}-default`,
            });
            inputs.set(field, input);
            return h('div', { class: 'form-field' }, h('label', { for: id }, `${t(text.label)} (${unit})`), input, h('p', { class: 'hint' }, `${t('soilSettingInEffect')}: ${inEffect}`));
          })()
        : h('p', {}, h('strong', {}, `${t(text.label)}: `), inEffect);
      // The source table's topic may say "(schatting)" itself; the estimate is named once, in the reader's language.
      const topic = source.topic.replace(/\s*\(schatting\)$/, '');
      const defaultLine = `${t('soilSettingDefault')}: ${formatNumber(source.value)} ${unit}${source.estimate ? ` (${t('soilSettingEstimate')})` : ''} — ${topic}${source.sourceDate ? `, ${source.sourceDate}` : ''}`;
      return h(
        'div',
        { class: `soil-setting soil-setting-${field}` },
        control,
        h('p', { class: 'soil-setting-default', id: `${id}-default` }, defaultLine),
        h('details', { class: 'soil-setting-source' }, h('summary', {}, t('soilSettingSource')), h('p', {}, source.note), h('p', { class: 'soil-source-ref' }, source.source)),
      );
    });
    const body = mayEdit
      ? h(
          'form',
          {
            class: 'soil-settings-form',
            onsubmit: async (event: Event) => {
              event.preventDefault();
              const values = Object.fromEntries(SETTING_FIELDS.map((field) => {
                const raw = inputs.get(field)!.value.trim();
                return [field, raw === '' ? null : Number(raw)];
              })) as PutSoilSettingsBody;
              try {
                const saved = await api.putSoilSettings(settings.areaId, values);
                this.settings = saved;
                this.renderSettings(saved);
                this.settingsSlot.querySelector('.soil-settings-feedback')?.replaceChildren(h('p', { role: 'status' }, t('saved')));
                this.settingsSlot.querySelector<HTMLDetailsElement>('.soil-settings')!.open = true;
                this.ctrl.announce(t('soilSettingsSaved'));
                this.update();
              } catch (error) {
                feedback.replaceChildren(errorBlock(error));
              }
            },
          },
          h('p', { class: 'hint' }, t('soilSettingsEmptyHint')),
          rows,
          h('button', { type: 'submit', class: 'save-soil-settings' }, t('save')),
          feedback,
        )
      : h('div', {}, rows);
    this.settingsSlot.replaceChildren(h('details', { class: 'soil-settings' }, h('summary', {}, t('soilSettingsTitle')), body));
  }
}
