import { DomainError } from './errors.js';

export const ROLES = ['viewer', 'editor', 'planner', 'area_director', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a route may require of the acting user. */
export const CAPABILITIES = [
  'edit_tasks',
  'plan_scenarios',
  'manage_areas',
  'create_snapshots',
  'manage_parties',
  'manage_users',
  'delete_snapshots',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const CAPABILITIES_BY_ROLE: Record<Role, readonly Capability[]> = {
  viewer: [],
  editor: ['edit_tasks'],
  planner: ['edit_tasks', 'plan_scenarios', 'create_snapshots'],
  area_director: ['manage_areas', 'create_snapshots'],
  admin: CAPABILITIES,
};

/** Who a request acts as. Every write is checked against it and recorded with it. */
export interface Actor {
  id: string;
  /** How the actor appears in the audit trail (an email, or a system name). */
  label: string;
  /** Admins may belong to no party. */
  partyId: string | null;
  role: Role;
}

/**
 * Whether a role carries a capability. Everyone who is signed in may read.
 *
 * @example roleHas('planner', 'edit_tasks') // true
 */
export function roleHas(role: Role, capability: Capability): boolean {
  return CAPABILITIES_BY_ROLE[role].includes(capability);
}

/**
 * Whether the actor may create, change or delete tasks of a party: its own party's
 * editors and planners, and admins for every party.
 *
 * @example canEditPartyTasks({ id: 'u1', label: 'a@b.nl', partyId: 'hdsr', role: 'editor' }, 'rws') // false
 */
export function canEditPartyTasks(actor: Actor, partyId: string): boolean {
  if (actor.role === 'admin') return true;
  return roleHas(actor.role, 'edit_tasks') && actor.partyId === partyId;
}

/** Throws `forbidden` unless the actor may write tasks of `partyId`. */
export function assertCanEditPartyTasks(actor: Actor, partyId: string): void {
  if (!canEditPartyTasks(actor, partyId)) {
    throw new DomainError('forbidden', `you may not change tasks of party '${partyId}'`);
  }
}

/**
 * The party a new task belongs to: the actor's own unless named; naming another party is for admins.
 */
export function resolveTaskParty(actor: Actor, requested: string | undefined): string {
  const partyId = requested ?? actor.partyId;
  if (partyId === null) {
    throw new DomainError('validation', 'partyId is required for a user without a party', [
      { in: 'body', pointer: '/partyId', message: 'name the party this task belongs to' },
    ]);
  }
  assertCanEditPartyTasks(actor, partyId);
  return partyId;
}

/**
 * Throws `forbidden` unless the actor plans for this party: a scenario or capacity rule belongs
 * to one party, and only that party's planners (or an admin) change it.
 */
export function assertPlansFor(actor: Actor, partyId: string | null, what: string): void {
  if (actor.role === 'admin') return;
  if (roleHas(actor.role, 'plan_scenarios') && partyId !== null && actor.partyId === partyId) return;
  throw new DomainError('forbidden', `only planners of party '${partyId ?? '-'}' may change this ${what}`);
}

/**
 * Why the actor may not ask for a plan of this scope, or null when it may: a national plan only
 * area directors and admins; a party's programme its own planners, area directors and admins;
 * an area planners (of any party: their scenario), area directors and admins. The client asks
 * the same function before it offers the button.
 */
export function planRefusal(
  actor: Pick<Actor, 'role' | 'partyId'>,
  scope: { kind: 'area' } | { kind: 'party'; partyId: string } | { kind: 'national' },
): 'plan_national_forbidden' | 'plan_role_forbidden' | 'plan_party_forbidden' | null {
  if (actor.role === 'admin' || actor.role === 'area_director') return null;
  if (scope.kind === 'national') return 'plan_national_forbidden';
  if (!roleHas(actor.role, 'plan_scenarios')) return 'plan_role_forbidden';
  if (scope.kind === 'party' && actor.partyId !== scope.partyId) return 'plan_party_forbidden';
  return null;
}

/**
 * Throws `forbidden` unless the actor may use an area's own rights (its settings, its share
 * links, its agenda): admins, and the area directors assigned to that area.
 *
 * @example assertDirectsArea({ id: 'u1', label: 'r@x.nl', partyId: 'prov', role: 'area_director' }, 'vierwaarden', false) // throws
 */
export function assertDirectsArea(actor: Actor, areaId: string, assignedToArea: boolean): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'area_director' && assignedToArea) return;
  throw new DomainError('forbidden', `only the directors of area '${areaId}' and admins may do this`);
}
