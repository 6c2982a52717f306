import type { Generated, Selectable } from 'kysely';

/** Table types as the migrations create them. Months are integer indices. */
export interface Database {
  app_meta: { key: string; value: string };
  parties: { id: string; name: string; kind: string; created_at: string; updated_at: string };
  areas: { id: string; name: string; description: string | null; created_at: string; updated_at: string; data_version: Generated<number> };
  area_directors: { area_id: string; user_id: string; assigned_at: string };
  dike_trajects: {
    id: string;
    dijkring: string;
    norm_type: string;
    signaling_return_period_years: number | null;
    lower_limit_return_period_years: number | null;
    length_km: number | null;
    type: string | null;
    /** JSON array of water-board names, longest share first. */
    water_boards: string;
    nbpw_version: number;
    registered_on: string;
    remark: string | null;
  };
  tasks: TasksTable;
  task_phases: { task_id: string; kind: string; start_month: number; end_month: number };
  users: UsersTable;
  area_soil_settings: {
    area_id: string;
    soil_storage_months: number | null;
    saving_eur_per_m3: number | null;
    truck_load_m3: number | null;
    updated_at: string;
    updated_by: string | null;
  };
  plans: PlansTable;
  login_attempts: { id: string; address: string; account: string; at_ms: number; succeeded: number };
  sessions: { token_hash: string; user_id: string; created_at: string; expires_at: string };
  api_tokens: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  audit_log: AuditTable;
  capacity_rules: {
    id: string;
    party_id: string;
    programme: string;
    max_concurrent: number | null;
    budget_per_year_eur: number | null;
    created_at: string;
    updated_at: string;
  };
  scenarios: {
    id: string;
    name: string;
    description: string | null;
    area_id: string | null;
    party_id: string | null;
    created_by: string;
    created_at: string;
    updated_at: string;
    applied_at: string | null;
    applied_by: string | null;
  };
  scenario_moves: { scenario_id: string; task_id: string; shift_months: number; task_version: number };
  snapshots: {
    id: string;
    area_id: string;
    scenario_id: string | null;
    title: string;
    meeting_date: string | null;
    note: string | null;
    /** The frozen picture: area, parties, tasks, trajectories, alignment report. */
    content_json: string;
    created_by: string;
    created_by_label: string;
    created_at: string;
  };
  share_links: {
    id: string;
    snapshot_id: string;
    token_hash: string;
    created_by: string;
    created_at: string;
    expires_at: string | null;
    revoked_at: string | null;
  };
  // The area table (issue 17): proposals, the agenda, the area event log.
  proposals: ProposalsTable;
  agenda_items: AgendaItemsTable;
  agenda_links: { item_id: string; kind: string; ref: string; other_ref: string };
  agenda_comments: {
    id: string;
    item_id: string;
    text: string;
    author_id: string;
    author_label: string;
    author_party_id: string | null;
    created_at: string;
  };
  area_event_heads: { area_id: string; last_seq: number };
  area_events: { area_id: string; seq: number; kind: string; at: string; actor_label: string; actor_party_id: string | null; payload_json: string };
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  party_id: string | null;
  role: string;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export interface AuditTable {
  id: string;
  at: string;
  actor_id: string;
  /** Who the actor was when acting (email or system name): users may be deleted later. */
  actor_label: string;
  actor_party_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface TasksTable {
  id: string;
  area_id: string;
  party_id: string;
  programme: string;
  kind: string;
  title: string;
  description: string | null;
  dike_traject_id: string | null;
  urgency_rank: number | null;
  window_earliest_start: number | null;
  window_latest_end: number | null;
  soil_supply_m3: number;
  soil_demand_m3: number;
  soil_type: string | null;
  river: string | null;
  km_from: number | null;
  km_to: number | null;
  length_km: number | null;
  /** GeoJSON text. */
  geometry: string | null;
  cost_eur: number | null;
  status: string | null;
  external_ref: string | null;
  version: Generated<number>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export type TaskRow = Selectable<TasksTable>;
export type UserRow = Selectable<UsersTable>;
export type AuditRow = Selectable<AuditTable>;
export type DikeTrajectRow = Selectable<Database['dike_trajects']>;

export interface PlansTable {
  id: string;
  scope_kind: string;
  area_id: string | null;
  party_id: string | null;
  requested_by: string;
  status: string;
  options_json: string;
  result_json: string | null;
  scenario_id: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface ProposalsTable {
  id: string;
  task_id: string;
  area_id: string;
  party_id: string;
  task_title: string;
  task_version: number;
  shift_months: number | null;
  /** JSON array of phases (months as indices), when the proposal sets new phases. */
  phases_json: string | null;
  window_earliest_start: number | null;
  window_latest_end: number | null;
  reason: string;
  pair_dike_task_id: string | null;
  pair_other_task_id: string | null;
  scenario_id: string | null;
  bundle_id: string | null;
  status: string;
  created_by: string;
  created_by_label: string;
  created_by_party_id: string | null;
  created_at: string;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
  decision_note: string | null;
  updated_at: string;
}
export type ProposalRow = Selectable<ProposalsTable>;

export interface AgendaItemsTable {
  id: string;
  area_id: string;
  title: string;
  text: string | null;
  owner_party_id: string | null;
  status: string;
  decision: string | null;
  decided_snapshot_id: string | null;
  decided_at: string | null;
  created_by: string;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export type AgendaItemRow = Selectable<AgendaItemsTable>;
