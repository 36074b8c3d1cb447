import { describe, expect, it } from 'vitest';
import { cloudWordsOf } from './cloud-words.ts';

const none = new Set<string>();
const stems = (answers: string[], language: 'nl-BE' | 'fr' | 'en' = 'nl-BE', hidden = none) =>
  cloudWordsOf(answers, language, hidden, 15).map((w) => w.stem);
const forms = (answers: string[], language: 'nl-BE' | 'fr' | 'en' = 'nl-BE', hidden = none) =>
  cloudWordsOf(answers, language, hidden, 15).map((w) => w.form);

describe('word cloud words (WC3, WC5)', () => {
  it('WC3: words are stemmed in the session’s language and case-folded: one stem, one word', () => {
    const a = cloudWordsOf(['Woningen'], 'nl-BE', none, 15);
    const b = cloudWordsOf(['woning'], 'nl-BE', none, 15);
    const c = cloudWordsOf(['WONING'], 'nl-BE', none, 15);
    expect(a[0]!.stem).toBe(b[0]!.stem);
    expect(c[0]!.stem).toBe(b[0]!.stem);
    expect(a[0]!.form).toBe('woningen');
    expect(stems(['logements'], 'fr')).toEqual(stems(['logement'], 'fr'));
    expect(stems(['houses'], 'en')).toEqual(stems(['house'], 'en'));
    // Accents are folded in the stem, kept in the form.
    expect(cloudWordsOf(['vélo'], 'fr', none, 15)).toEqual([{ stem: 'velo', form: 'vélo' }]);
  });

  it('WC3: stop words go, and each stem counts once per participant however often typed', () => {
    expect(forms(['meer groen in de stad', 'groen', 'GROEN!'])).toEqual(['groen', 'stad']);
    expect(forms(['fietsen', 'fiets', 'de fiets'])).toEqual(['fietsen']);
    expect(stems(['bussen'])).toEqual(stems(['bus']));
  });

  it('WC3: at most `max` words are kept', () => {
    const many = ['aap boom cirkel dorp', 'egel fabriek gracht haven', 'iglo jurk kerk lamp'];
    expect(cloudWordsOf(many, 'nl-BE', none, 5)).toHaveLength(5);
  });

  it('WC5: a capitalised word inside an answer is withheld as a possible name; the first word is not', () => {
    expect(forms(['praten met Peeters'])).toEqual(['praten']);
    expect(forms(['Mobiliteit verbeteren'])).toEqual(['mobiliteit', 'verbeteren']);
    // A second sentence's first word is withheld too (a short answer is one sentence).
    expect(forms(['Goed zo. Vermeulen'])).toEqual(['goed']);
    // A long word in capitals is no acronym: withheld inside an answer.
    expect(forms(['bellen met VERMEULEN'])).toEqual(['bellen']);
  });

  it('WC5: acronyms of two to five capitals are kept as typed', () => {
    expect(forms(['treinen van de NMBS', 'OCMW'])).toEqual(['treinen', 'NMBS', 'OCMW']);
  });

  it('WC5: first names of the list are withheld in any case and at any place', () => {
    expect(forms(['jan', 'Sofie', 'samen met mohamed'])).toEqual(['samen']);
    expect(forms(['Marie-Claire heeft gelijk'], 'fr')).not.toContain('marie');
  });

  it('WC5: words of the session’s municipality names are withheld (accents folded)', () => {
    const hidden = new Set(['herentals', 'liege']);
    expect(forms(['Herentals', 'herentals bruist'], 'nl-BE', hidden)).toEqual(['bruist']);
    expect(forms(['Liège'], 'fr', hidden)).toEqual([]);
  });
});
