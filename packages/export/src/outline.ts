import type { ExportDocument } from '@vrijuit/protocol';
import type { ExportLabels } from './i18n/index.ts';
import { fill, formats, text, type Block } from './outline-kit.ts';
import { questionBlocks } from './outline-questions.ts';
import { painPointBlocks, positionTextBlocks } from './outline-texts.ts';
import { voteBlocks } from './outline-votes.ts';
import { wordCloudBlocks } from './outline-word-cloud.ts';

export type { Block, Cell, Table } from './outline-kit.ts';

/**
 * The export as a document, like the working group's own note: title and facts (date, facilitator,
 * participants, the anonymity rule), who was present (zones and municipalities, attendance only), then
 * per round its question and outcome. Markdown, DOCX and PDF render these blocks; CSV and JSON read the
 * model itself.
 */
export function outline(doc: ExportDocument, labels: ExportLabels): Block[] {
  const f = formats(labels);
  const s = doc.session;
  const facts: [string, string][] = [];
  if (s.date) facts.push([labels.session.date, f.date(s.date)]);
  if (s.facilitator) facts.push([labels.session.facilitator, s.facilitator]);
  facts.push([labels.session.participants, f.number(doc.attendance.participants)]);
  facts.push([labels.session.threshold, fill(labels.session.thresholdValue, { k: s.anonymityThreshold })]);
  const blocks: Block[] = [
    { type: 'title', text: s.title },
    { type: 'facts', rows: facts },
  ];
  if (s.description) blocks.push({ type: 'paragraph', text: s.description });
  if (s.weighted) blocks.push({ type: 'paragraph', note: true, text: labels.session.weighted });
  blocks.push({ type: 'paragraph', note: true, text: labels.session.madeWith });

  const a = labels.attendance;
  blocks.push({ type: 'heading', level: 2, text: a.heading });
  if (doc.attendance.participants === 0) blocks.push({ type: 'paragraph', text: a.none });
  else
    blocks.push({
      type: 'table',
      table: {
        head: [a.zone, a.participants, a.municipalities],
        rows: [
          ...doc.attendance.zones.map((z) => [
            text(z.name),
            text(f.number(z.participants)),
            text(z.municipalities.map((m) => m.name).join(', ')),
          ]),
          [text(a.total), text(f.number(doc.attendance.participants)), text('')],
        ],
        numeric: [false, true, false],
      },
    });

  for (const round of doc.rounds) {
    blocks.push({
      type: 'heading',
      level: 2,
      text: fill(labels.round.heading, { n: round.number, question: round.question }),
    });
    const kind = round.kind === 'vote' ? round.config.kind : round.kind;
    const about = [labels.round.kinds[kind]];
    if (round.rerunOf) about.push(fill(labels.round.rerunOf, { n: round.rerunOf }));
    blocks.push({ type: 'paragraph', note: true, text: about.join('. ') });
    if (round.status === 'open') blocks.push({ type: 'paragraph', note: true, text: labels.round.open });
    if (round.kind === 'vote') blocks.push(...voteBlocks(round, s.anonymityThreshold, labels, f));
    else if (round.kind === 'pain-points') blocks.push(...painPointBlocks(round, labels, f));
    else if (round.kind === 'word-cloud') blocks.push(...wordCloudBlocks(round, s.anonymityThreshold, labels, f));
    else if (round.kind === 'questions') blocks.push(...questionBlocks(round, labels, f));
    else blocks.push(...positionTextBlocks(round, labels, f));
  }
  return blocks;
}
