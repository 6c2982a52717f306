/** Performance marks the client sets, for the client benchmark: when the timeline stands, when the pairs are listed. */
export const TIMELINE_RENDERED_MARK = 'gebiedsplanner:timeline-rendered';
export const PAIRS_RENDERED_MARK = 'gebiedsplanner:pairs-rendered';
/** A filter change: when the user changed it, and when the browser painted the timeline that follows it. */
export const FILTER_STARTED_MARK = 'gebiedsplanner:filter-started';
export const FILTER_PAINTED_MARK = 'gebiedsplanner:filter-painted';
