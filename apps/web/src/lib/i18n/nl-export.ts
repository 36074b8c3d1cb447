/**
 * The console's export panel (issue 7), in Dutch (nl-BE). Dutch only for now, like the design and
 * lifecycle strings: the other languages fall back to it.
 */
export const nlExport = {
  exportPanel: {
    heading: 'Exporteren',
    intro: 'Het verslag van deze sessie als bestand. Alleen anonieme resultaten: geen namen, geen wie‑wat.',
    formatLegend: 'Formaat',
    formats: {
      docx: 'Word (DOCX) — om verder te bewerken',
      pdf: 'PDF — om te delen of af te drukken',
      md: 'Markdown — platte tekst met opmaak, voor een wiki of e-mail',
      csv: 'CSV (zip) — ruwe anonieme gegevens voor een rekenblad',
      json: 'JSON — de hele sessie, anoniem, voor andere software',
    },
    button: 'Exporteren',
    busy: 'Bezig met exporteren…',
    preparing: 'Het bestand wordt gemaakt…',
    downloading: 'Downloaden: {percent}',
    saved: 'Bewaard als {name} ({size}).',
    failed: 'De export is niet gelukt: {reason}',
    offline: 'Geen verbinding met de server. Probeer het opnieuw.',
    signedOut: 'Je bent niet meer aangemeld. Meld je opnieuw aan en probeer het nog eens.',
    progressLabel: 'Voortgang van de export',
    kilobytes: '{n} kB',
  },
} as const;
