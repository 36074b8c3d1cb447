/**
 * WC5: common first names in Belgium (Flanders, Brussels, Wallonia) and the Netherlands, lower case,
 * accents folded. A word cloud withholds these whatever their case or place: "jan" typed in lower case
 * at the start of an answer is still Jan. Names that are also everyday words in Dutch, French or English
 * (roos, ben, toon, bas, claire, lien, frank, pierre, will, mark) are left out on purpose: withholding them would empty clouds about
 * roses, stones and hope. It is a short list, not a census: a rarer first name, or a surname, typed in
 * lower case at the start of an answer, passes (see SPEC WC5 for what catches the rest).
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  // Dutch / Flemish
  (
    'aaron adam adriaan alexander amber anke anna annelies anneleen anouk arne arno astrid axel bart ' +
    'benjamin bert birgit bram brecht britt carine caroline charlotte chris christine dani daan ' +
    'david dirk dries eline elien elise ellen els emma eva evelien femke fien filip frederik ' +
    'freek frederick gert geert gerrit gilles greet griet hanne hannes hans hendrik hilde ilse inge ' +
    'ingrid isabelle jan jana jasper jef jelle jens jeroen jesse joke johan johan joost joris jos ' +
    'josefien julie jurgen karel karen karin katrien kim klaas koen kris kristof lars laura ' +
    'lieve lisa lore lotte luc lucas luk maarten manon marc marieke marijke mariska martine mathias ' +
    'matthias mieke milan nele niels nina noor patrick peter piet pieter rik robbe roel ruben ' +
    'sander sara sarah sanne sofie sophie stef stefan stijn sven tim tine tom veerle vincent ' +
    'wim wout wouter yannick yves ' +
    // French / Walloon / Brussels
    'alain amandine anne antoine aurelie benoit bernard camille catherine cedric celine chantal ' +
    'christophe claude damien didier dominique elodie emilie eric fabienne francois francoise ' +
    'frederic gael guillaume helene isabelle jacques jean jerome julien laurent louis luc madeleine ' +
    'marc marie martin mathieu michel nathalie nicolas olivier pascal philippe quentin sebastien ' +
    'simon sophie stephane sylvie thierry thomas valerie veronique vincent xavier ' +
    // English, and names common across the country's newer families
    'ahmed ali amina ayoub fatima hamza ibrahim john mohamed mohammed omar sam sara yasmine youssef ' +
    'james david michael sarah emily jessica'
  ).split(' '),
);
