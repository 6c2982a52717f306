import { z } from 'zod';
import { ALIGNMENT_STATUSES } from '../domain/alignment.js';
import { PHASE_KINDS, PROGRAMMES, TASK_KINDS } from '../domain/tasks.js';
import { AlignmentPairSchema } from './alignments.js';
import { MonthText, Slug } from './common.js';
import { NormSchema } from './dike-trajects.js';
import { PARTY_KINDS } from './parties.js';

/**
 * The national estimate of the HWBP reinforcement task the overview shows beside the remaining
 * km in the database. Copied from ../shared/data/kentallen_bronnen.csv, row 8:
 * `HWBP-opgave bijgesteld,1400,km,Na verdiepende gesprekken met waterschappen bijgesteld naar circa 1.400 km.,https://hoogwaterbescherming.foleon.com/magazine/hwbp-april-2025/versterkingsopgave,2025-04`
 */
export const NATIONAL_HWBP_ESTIMATE = {
  km: 1400,
  topic: 'HWBP-opgave bijgesteld',
  note: 'Na verdiepende gesprekken met waterschappen bijgesteld naar circa 1.400 km.',
  source: 'https://hoogwaterbescherming.foleon.com/magazine/hwbp-april-2025/versterkingsopgave',
  sourceDate: '2025-04',
} as const;

export const ProgrammeParams = z.object({ partyId: Slug });

const AsOf = MonthText.optional().meta({ description: 'look as of this month (YYYY-MM): phases started before it stay put; default the current month' });

export const OverviewQuery = z.strictObject({ asOf: AsOf });

/** Opportunities listed by default: a national party can have tens of thousands (several MB of JSON). */
export const DEFAULT_OPPORTUNITY_LIMIT = 1_000;

export const ProgrammeQuery = z.strictObject({
  asOf: AsOf,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(DEFAULT_OPPORTUNITY_LIMIT)
    .meta({ description: 'list only the first N opportunities (aligned first, then by soil to share); counts and total cover all' }),
});

const Km = z.number().min(0).meta({ description: 'kilometres, rounded to metres' });

const PhaseSchema = z.object({ kind: z.enum(PHASE_KINDS), start: MonthText, end: MonthText });

export const ProgrammeTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  areaId: Slug,
  areaName: z.string(),
  programme: z.enum(PROGRAMMES),
  kind: z.enum(TASK_KINDS),
  status: z.string().nullable(),
  urgencyRank: z.int().nullable(),
  dikeTrajectId: z.string().nullable(),
  traject: z
    .object({ id: z.string(), norm: NormSchema.nullable().meta({ description: 'ondergrens (lower limit), the legal standard for 2050' }), lengthKm: z.number().nullable() })
    .nullable()
    .meta({ description: 'the section’s trajectory in the national table' }),
  lengthKm: z.number().nullable().meta({ description: 'the section’s own length; null when not known' }),
  costEur: z.number().nullable(),
  phases: z.array(PhaseSchema),
  window: z.object({ earliestStart: MonthText, latestEnd: MonthText }).nullable(),
  movable: z.boolean(),
});

const ProgrammeCapacitySchema = z.object({
  programme: z.enum(PROGRAMMES),
  maxConcurrent: z.int().nullable().meta({ description: 'the party’s limit of tasks of this programme in realisation at once; null: none set' }),
  budgetPerYearEur: z.number().nullable(),
  months: z.array(z.object({ month: MonthText, count: z.int().min(0) })).meta({ description: 'every month of the year range' }),
  monthsOver: z.array(z.object({ month: MonthText, count: z.int(), limit: z.int(), taskIds: z.array(z.string()) })),
  costPerYear: z.array(z.object({ year: z.int(), amountEur: z.number() })).meta({ description: 'every year of the range, whole euros' }),
  yearsOver: z.array(z.object({ year: z.int(), amountEur: z.number(), budgetEur: z.number(), taskIds: z.array(z.string()) })),
});

export const OpportunitySchema = AlignmentPairSchema.extend({
  areaId: Slug,
  areaName: z.string(),
  dikeTitle: z.string(),
  dikePartyId: z.string(),
  otherTitle: z.string(),
  otherPartyId: z.string(),
  otherProgramme: z.enum(PROGRAMMES),
});

const StatusCounts = z.object(Object.fromEntries(ALIGNMENT_STATUSES.map((status) => [status, z.int().min(0)])) as Record<(typeof ALIGNMENT_STATUSES)[number], z.ZodInt>);

export const ProgrammeSchema = z.object({
  party: z.object({ id: Slug, name: z.string(), kind: z.enum(PARTY_KINDS) }),
  asOf: MonthText,
  years: z.object({ from: z.int(), to: z.int() }).nullable().meta({ description: 'first to last year of any phase of the party’s tasks; null without tasks' }),
  tasks: z.array(ProgrammeTaskSchema).meta({ description: 'HWBP dike sections first, by urgency rank (unranked last), then the other tasks by programme and realisation start' }),
  capacity: z.array(ProgrammeCapacitySchema).meta({ description: 'per programme the party has tasks in or a capacity rule for' }),
  kmPerYear: z.array(z.object({ year: z.int(), km: Km })).meta({ description: 'km of the party’s dike sections in realisation, every year of the range' }),
  sectionsWithoutLength: z.int().min(0),
  opportunities: z.object({
    counts: StatusCounts.meta({ description: 'of all the party’s reported pairs (not-alignable pairs are reported only when they could share soil)' }),
    total: z.int().min(0).meta({ description: 'reported pairs before `limit`' }),
    pairs: z.array(OpportunitySchema),
  }),
});
export type ProgrammeResponse = z.infer<typeof ProgrammeSchema>;

const Figures = {
  sections: z.int().min(0).meta({ description: 'HWBP dike sections' }),
  km: Km.meta({ description: 'sum of the sections’ own lengths' }),
  sectionsWithoutLength: z.int().min(0),
  aligned: z.int().min(0),
  alignable: z.int().min(0).meta({ description: 'alignable by shifting the dike or the other task' }),
  soilM3: z.number().min(0).meta({ description: 'soil that could be shared: soilMatchM3 summed over the aligned and alignable pairs' }),
};

export const OverviewSchema = z.object({
  asOf: MonthText,
  totals: z.object({ areas: z.int().min(0), ...Figures }),
  waterBoards: z.array(z.object({ partyId: Slug, name: z.string(), areas: z.int().min(0), ...Figures })).meta({
    description: 'every party of kind waterschap; sections by the tasks’ party, pairs where the board’s task is either side',
  }),
  areas: z.array(z.object({ areaId: Slug, name: z.string(), ...Figures })),
  kmPerYear: z.array(z.object({ year: z.int(), km: Km })).meta({ description: 'km of HWBP dike sections in realisation per calendar year' }),
  pace: z.object({
    year: z.int().meta({ description: 'the year of asOf: the first of the years left' }),
    remainingKm: Km.meta({ description: 'km of HWBP sections in the database whose realisation ends this year or later' }),
    sectionsWithoutLength: z.int().min(0),
    yearsLeft: z.int().min(0),
    neededKmPerYear: z.number().min(0),
    nationalEstimate: z.object({ km: z.number(), topic: z.string(), note: z.string(), source: z.string(), sourceDate: z.string() }),
  }),
  trajects: z.array(
    z.object({
      id: z.string(),
      waterBoards: z.array(z.string()),
      norm: NormSchema.nullable(),
      lengthKm: z.number().nullable(),
      tasks: z.array(z.object({ id: z.string(), title: z.string(), areaId: Slug })),
    }),
  ),
});
export type OverviewResponse = z.infer<typeof OverviewSchema>;
