/** The solver's time limit per plan: the default and the most a request may ask for. */
export const DEFAULT_TIME_LIMIT_S = 20;
export const MAX_TIME_LIMIT_S = 120;
