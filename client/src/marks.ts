/** Performance marks the client sets, for the client benchmark: when the timeline stands, when the pairs are listed. */
export const TIMELINE_RENDERED_MARK = 'gebiedsplanner:timeline-rendered';
export const PAIRS_RENDERED_MARK = 'gebiedsplanner:pairs-rendered';
