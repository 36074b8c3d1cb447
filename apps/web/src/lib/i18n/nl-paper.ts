/**
 * Paper input (core SPEC PA1-PA5), in Dutch (nl-BE): the count next to the respondents on every screen
 * and, for the console, the "Papieren invoer" panel. Loaded with a round's screens like nl-wall.ts.
 */
export const nlPaper = {
  paper: {
    /** Next to the respondent count; only shown when some came from paper. */
    ofWhich: { one: 'waarvan {count} op papier', other: 'waarvan {count} op papier' },
  },
};
