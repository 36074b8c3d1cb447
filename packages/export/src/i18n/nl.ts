/**
 * The export's words in Dutch (nl-BE): headings, table heads and the agreement levels. Kept apart from
 * the renderers so a translation is a new file, not a rewrite (en.ts, fr.ts fall back to these).
 */
export const nlExport = {
  agreementLevels: {
    gradients: [
      'Volmondig akkoord',
      'Akkoord, op een detail na',
      'Akkoord, met bedenkingen',
      'Ik onthoud me',
      'Meer bespreking nodig',
      'Niet mijn voorkeur, maar ik steun het',
      'Ernstig oneens',
      'Veto: ik blokkeer',
    ],
    'fist-of-five': [
      'Vijf vingers: volledig akkoord, ik trek mee',
      'Vier vingers: goed, ik steun het',
      'Drie vingers: akkoord, met kleine bedenkingen',
      'Twee vingers: bedenkingen, ik wil erover praten',
      'Eén vinger: grote bedenkingen',
      'Vuist: ik blokkeer',
    ],
  },
};
