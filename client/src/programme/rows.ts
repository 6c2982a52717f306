import type { ProgrammeResponse } from '../../../server/contracts/programmes.js';
import { isOutsideWindow } from '../../../server/domain/tasks.js';
import { formatNumber, t } from '../i18n.js';
import { matchesFilters, scheduleOf, UNFOLDED_TASK_LIMIT, type GroupSpec, type RowBuilder, type TimelineTask } from '../timeline/to-items.js';

export type ProgrammeTask = ProgrammeResponse['tasks'][number];

/** The party's tasks as the timeline draws them: they are all the party's own. */
export function timelineTasks(programme: Pick<ProgrammeResponse, 'party' | 'tasks'>): TimelineTask[] {
  return programme.tasks.map((task) => ({
    id: task.id,
    partyId: programme.party.id,
    title: task.title,
    programme: task.programme,
    kind: task.kind,
    dikeTrajectId: task.dikeTrajectId,
    phases: task.phases,
    window: task.window,
    outsideWindow: isOutsideWindow(scheduleOf(task)),
  }));
}

/** What a row says about a task beside its title: urgency, area, trajectory with norm, and length. */
export function taskBadges(task: ProgrammeTask): string[] {
  const badges: string[] = [];
  if (task.urgencyRank !== null) badges.push(t('urgencyBadge', { rank: task.urgencyRank }));
  badges.push(task.areaName);
  if (task.dikeTrajectId) badges.push(task.traject?.norm ? `${task.dikeTrajectId} · ${t('norm')} ${task.traject.norm.label}` : task.dikeTrajectId);
  if (task.kind === 'dike_reinforcement') badges.push(task.lengthKm === null ? t('lengthUnknown') : `${formatNumber(task.lengthKm)} km`);
  return badges;
}

export function programmeGroupId(programme: string): string {
  return `programme:${programme}`;
}

/**
 * Timeline rows for a party's programme: one group per programme in the order the answer lists
 * them (HWBP first), and within it the tasks in the answer's order: dike sections by urgency rank,
 * then the others by realisation start.
 */
export function programmeRows(programme: Pick<ProgrammeResponse, 'tasks'>): RowBuilder {
  const byId = new Map(programme.tasks.map((task) => [task.id, task]));
  const position = new Map(programme.tasks.map((task, index) => [task.id, index]));
  return (tasks, _parties, _ownPartyId, filters) => {
    const ordered = [...tasks].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
    const byProgramme = new Map<string, TimelineTask[]>();
    for (const task of ordered) byProgramme.set(task.programme, [...(byProgramme.get(task.programme) ?? []), task]);
    const unfolded = ordered.filter((task) => matchesFilters(task, filters)).length <= UNFOLDED_TASK_LIMIT;
    const groups: GroupSpec[] = [];
    let order = 0;
    for (const [name, members] of byProgramme) {
      const visible = members.filter((task) => matchesFilters(task, filters));
      groups.push({
        id: programmeGroupId(name),
        text: name,
        badges: [`count:${visible.length}`],
        className: 'party-group programme-group',
        order: order++,
        visible: visible.length > 0,
        nestedGroups: members.map((task) => task.id),
        expanded: unfolded,
      });
      for (const task of members) {
        const full = byId.get(task.id);
        groups.push({
          id: task.id,
          text: task.title,
          badges: [...(full ? taskBadges(full) : []), ...(task.outsideWindow ? ['outside-window'] : [])],
          className: ['task-row', task.outsideWindow ? 'outside-window' : ''].filter(Boolean).join(' '),
          order: order++,
          visible: visible.includes(task),
        });
      }
    }
    return groups;
  };
}
