import type { Migration, MigrationProvider } from 'kysely/migration';
import * as initial from './0001_initial.js';
import * as accountsAudit from './0002_accounts_audit.js';
import * as scenarios from './0003_scenarios.js';
import * as snapshots from './0004_snapshots.js';
import * as scenarioMoveVersions from './0005_scenario_move_versions.js';
import * as areaDirectors from './0006_area_directors.js';
import * as loginAttempts from './0007_login_attempts.js';
import * as areaDataVersions from './0008_area_data_versions.js';
import * as taskLength from './0009_task_length.js';
import * as plans from './0010_plans.js';
import * as areaSoilSettings from './0011_area_soil_settings.js';
import * as evaluationIndexes from './0012_evaluation_indexes.js';
import * as proposalsAgendaEvents from './0013_proposals_agenda_events.js';

/**
 * Every migration, by name. A static registry (not a folder scan) so the bundle
 * and tests see exactly the migrations that were committed.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_accounts_audit': accountsAudit,
  '0003_scenarios': scenarios,
  '0004_snapshots': snapshots,
  '0005_scenario_move_versions': scenarioMoveVersions,
  '0006_area_directors': areaDirectors,
  '0007_login_attempts': loginAttempts,
  '0008_area_data_versions': areaDataVersions,
  '0009_task_length': taskLength,
  '0010_plans': plans,
  '0011_area_soil_settings': areaSoilSettings,
  '0012_evaluation_indexes': evaluationIndexes,
  '0013_proposals_agenda_events': proposalsAgendaEvents,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
