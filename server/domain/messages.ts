/**
 * The messages users read, chosen by code. Every problem the API answers carries one
 * (`messageCode`, `messageParams`); the client holds the Dutch and English text of each code and
 * fills its `{name}` placeholders from the params. The English `detail` stays for logs, scripts
 * and as the fallback of a client that does not know a code yet: no translation hangs on it.
 *
 * Each entry names the params its text may use. Add a code here and the client's tables fail to
 * type-check (and tests/unit/messages.test.ts fails) until both languages have a text for it.
 */
export const MESSAGES = {
  // One per kind of problem: what a problem says when nothing more specific was chosen.
  invalid_input: [],
  invalid_fields: ['count'],
  sign_in_required: [],
  forbidden: [],
  not_found: [],
  conflict: [],
  changed_meanwhile: [],
  version_required: [],
  rule_violation: [],
  too_many_requests: [],
  request_too_large: [],
  unsupported_media_type: [],
  request_refused: [],
  internal_error: [],
  storage_full: [],
  storage_unavailable: [],

  entity_not_found: ['entity', 'id'],
  text_has_nul: [],

  // Constraint conflicts: what already exists, or what a row refers to.
  area_taken: [],
  party_taken: [],
  user_email_taken: [],
  capacity_rule_taken: [],
  task_ref_taken: [],
  area_director_taken: [],
  already_exists: [],
  reference_conflict: [],
  database_rule: [],

  // Signing in.
  sign_in_failed: [],
  sign_in_throttled: ['seconds'],

  // Users.
  last_admin: [],
  user_needs_party: [],

  // Tasks.
  task_changed_meanwhile: ['title', 'version'],

  // Scenarios.
  scenario_closed: ['appliedAt'],
  scenario_no_moves: [],
  scenario_tasks_changed: ['titles'],
  scenario_foreign_tasks: ['titles'],
  scenario_violations: ['count'],
  scenario_plan_busy: [],
  swap_needs_hwbp: [],
  swap_same_start: [],

  // Snapshots and share links.
  snapshot_scenario_other_area: [],
  snapshot_plan_busy: [],
  snapshot_unreadable: ['snapshotId'],
  share_link_dead: [],
  share_link_expiry_past: [],
  offline_viewer_missing: [],

  // Imports.
  imports_busy: ['running', 'seconds'],
  import_file_missing: [],
  import_cells_wrong: ['count'],

  // Programme plans (the optimiser): refusals, and what a plan's status tells its reader.
  plan_not_found: ['id'],
  plan_national_forbidden: [],
  plan_role_forbidden: [],
  plan_party_forbidden: ['party'],
  plan_cancel_forbidden: [],
  plans_busy: ['running', 'seconds'],
  plan_no_movable_tasks: [],
  plan_solving: ['seconds'],
  plan_optimal: ['moves'],
  plan_no_improvement: [],
  plan_time_limit: ['seconds', 'gap'],
  plan_cancelled: [],
  plan_interrupted: [],
  plan_solver_overran: ['seconds'],
  plan_failed: [],
  // Import in Dutch and English: why a file is refused, and what is wrong in a cell (its row, the
  // column as the template names it, the value, and what would be right).
  import_file_type: ['name'],
  import_file_not_workbook: ['name'],
  import_file_not_text: ['name'],
  import_file_not_utf8: ['name'],
  import_file_damaged: ['name'],
  import_file_unpacks_too_large: ['name'],
  import_file_no_worksheet: ['name'],
  import_file_too_many_rows: ['count', 'max'],
  import_file_too_many_sheet_rows: ['max'],
  import_columns_unknown: ['columns'],
  import_columns_missing: ['columns'],
  import_cell_required: ['row', 'column'],
  import_cell_too_long: ['row', 'column', 'value', 'max'],
  import_cell_not_month: ['row', 'column', 'value'],
  import_cell_month_out_of_range: ['row', 'column', 'value'],
  import_cell_not_number: ['row', 'column', 'value'],
  import_cell_number_range: ['row', 'column', 'value', 'min', 'max'],
  import_cell_not_positive: ['row', 'column', 'value', 'max'],
  import_cell_not_whole: ['row', 'column', 'value', 'min', 'max'],
  import_cell_not_one_of: ['row', 'column', 'value', 'allowed'],
  import_cell_pair_incomplete: ['row', 'column', 'other'],
  import_cell_end_before_start: ['row', 'column', 'value', 'startColumn', 'start'],
  import_cell_phase_overlap: ['row', 'column', 'value', 'previousColumn', 'previousEnd'],
  import_cell_hwbp_window_end: ['row', 'column', 'value'],
  import_cell_urgency_not_hwbp: ['row', 'column', 'value', 'programme'],
  import_cell_km_order: ['row', 'column', 'value', 'fromColumn', 'from'],
  import_cell_length_not_dike: ['row', 'column', 'value'],
  import_cell_area_unknown: ['row', 'column', 'value'],
  import_cell_traject_unknown: ['row', 'column', 'value'],
  import_cell_ref_duplicate: ['row', 'column', 'value', 'otherRow'],
  import_cell_invalid: ['row', 'column', 'value'],
  // Proposals and the area table (issue 17).
  proposal_viewer: [],
  proposal_not_owner: [],
  proposal_not_maker: [],
  proposal_not_open: ['status'],
  proposal_task_changed: ['title', 'version'],
  proposal_up_to_date: [],
  proposal_no_window: ['title'],
  proposal_started: ['title'],
  proposal_past: ['title'],
  proposal_outside_window: ['title'],
  proposal_schedule_invalid: ['reasons'],
  proposal_capacity: ['count'],
  proposal_pair_mismatch: [],
  proposal_nothing_to_propose: [],
  agenda_not_director: [],
  agenda_not_participant: [],
  agenda_decision_needed: [],
  agenda_meeting_other_area: [],
} as const satisfies Record<string, readonly string[]>;

export type MessageCode = keyof typeof MESSAGES;

/** Every code the server can put in a problem's `messageCode`. */
export const MESSAGE_CODES = Object.keys(MESSAGES) as MessageCode[];

/** A text the server already has in both languages (a sheet's complaint, say), passed on as is. */
export interface LocalizedText {
  nl: string;
  en: string;
}

/** A param: text, a number, a list (shown joined), or a text in both languages. */
export type MessageParam = string | number | string[] | LocalizedText;

type ParamsOf<C extends MessageCode> = { [K in (typeof MESSAGES)[C][number]]: MessageParam };

/** A message as a problem carries it: a code and the values of its placeholders. */
export interface UserMessage<C extends MessageCode = MessageCode> {
  code: C;
  params: Record<string, MessageParam>;
}

/**
 * A message with exactly the params its code names.
 *
 * @example userMessage('scenario_tasks_changed', { titles: ['Dijkvak A'] })
 */
export function userMessage<C extends MessageCode>(code: C, ...params: keyof ParamsOf<C> extends never ? [] : [ParamsOf<C>]): UserMessage<C> {
  return { code, params: (params[0] ?? {}) as Record<string, MessageParam> };
}

/** What a missing record is called in a `not_found` message; the client translates these. */
export const ENTITIES = ['area', 'party', 'user', 'api token', 'task', 'scenario', 'capacity rule', 'snapshot', 'share link', 'dike traject', 'proposal', 'agenda item'] as const;
export type Entity = (typeof ENTITIES)[number];
