import { DomainError } from './errors.js';

export const ROLES = ['viewer', 'editor', 'planner', 'area_director', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who a request acts as. Every write records the actor's id. */
export interface Actor {
  id: string;
  partyId: string | null;
  role: Role;
}

/**
 * Whether the actor may create, change or delete tasks of a party: its own party's
 * editors and planners, and admins for every party.
 *
 * @example canEditPartyTasks({ id: 'u1', partyId: 'hdsr', role: 'editor' }, 'rws') // false
 */
export function canEditPartyTasks(actor: Actor, partyId: string): boolean {
  if (actor.role === 'admin') return true;
  return (actor.role === 'editor' || actor.role === 'planner') && actor.partyId === partyId;
}

/** Throws `forbidden` unless the actor may write tasks of `partyId`. */
export function assertCanEditPartyTasks(actor: Actor, partyId: string): void {
  if (!canEditPartyTasks(actor, partyId)) {
    throw new DomainError('forbidden', `you may not change tasks of party '${partyId}'`);
  }
}
