import { formatDate } from '../answers/index.js';
import { fold, words } from '../language.js';
import type { DocumentKind } from '../operations/types.generated.js';
import { focusMatter, matterRef, type IntentHandler } from './context.js';

// What clients call each kind of document, in both languages (accents folded).
const KIND_WORDS: ReadonlyArray<[DocumentKind, RegExp]> = [
  ['DEPOSITION_TRANSCRIPT', /\b(transcripts?|transcripcion(es)?|transcrito|depo\w*|declaracion(es)?)\b/],
  ['MOTION', /\b(motions?|mocion(es)?|peticion)\b/],
  ['PLEADING', /\b(complaint|pleadings?|answer|demanda|contestacion|escrito)\b/],
  ['CONTRACT', /\b(contracts?|lease|agreement|contrato|arrendamiento|acuerdo)\b/],
  ['EVIDENCE', /\b(evidence|photos?|pictures?|pruebas?|fotos?|fotografias?)\b/],
  ['COURT_ORDER', /\b(orders?|ruling|orden|auto|resolucion)\b/],
  ['CORRESPONDENCE', /\b(letters?|correspondence|notice|carta|cartas|correspondencia|aviso)\b/],
];
const KIND_NAMES: Record<'en' | 'es', Partial<Record<DocumentKind, string>>> = {
  en: { MOTION: 'the motion', PLEADING: 'the pleading', CONTRACT: 'the contract', EVIDENCE: 'the evidence', COURT_ORDER: 'the court order', CORRESPONDENCE: 'the letter', DEPOSITION_TRANSCRIPT: 'a deposition transcript' },
  es: { MOTION: 'la moción', PLEADING: 'el escrito', CONTRACT: 'el contrato', EVIDENCE: 'las pruebas', COURT_ORDER: 'la orden del tribunal', CORRESPONDENCE: 'la carta', DEPOSITION_TRANSCRIPT: 'una transcripción de declaración' },
};
const GENERIC = new Set(['pdf', 'the', 'and', 'for', 'with', 'del', 'los', 'las', 'una', 'transcript', 'deposition', 'depo', 'letter', 'notice', 'draft']);

/** "Did you receive X?": by deponent, by a document's name, or by kind; else the latest documents. */
export const documentStatus: IntentHandler = async (ctx) => {
  const { matters } = await ctx.run('MatterDocuments', {});
  const focus = focusMatter(ctx);
  const scope = focus ? matters.filter((m) => m.id === focus.id) : matters;
  const said = new Set(words(ctx.text));
  const text = fold(ctx.text);
  const docs = scope.flatMap((m) => m.documents.map((d) => ({ matter: m, doc: d })));
  const received = (what: string, found: (typeof docs)[number]) => ({
    text: ctx.messages.documentReceived(what, found.doc.name, formatDate(found.doc.receivedAt, ctx.language, ctx.timeZone), found.matter.title),
    data: { document: { matter: matterRef(found.matter), ...found.doc } },
    matterId: found.matter.id,
    suggestions: ctx.messages.suggestions.afterDocuments,
  });

  // Deponents are named by the matters' deposition events ("Deposition of Jane Doe").
  const deponents = scope.flatMap((m) => m.events.filter((e) => e.kind === 'DEPOSITION').map((e) => ({
    matter: m, name: e.title.replace(/^.*\b(of|de)\s+/i, '').trim(),
  })));
  const deponent = deponents.find((d) => words(d.name).some((w) => w.length >= 3 && said.has(w)));
  if (deponent) {
    const what = ctx.messages.transcriptOf(deponent.name);
    const last = words(deponent.name).at(-1) ?? '';
    const transcript = docs.find(({ matter, doc }) => matter.id === deponent.matter.id && doc.kind === 'DEPOSITION_TRANSCRIPT' && words(doc.name).includes(last));
    if (transcript) return received(what, transcript);
    return { text: ctx.messages.documentNotReceived(what, deponent.matter.title), data: { deposition: { matter: matterRef(deponent.matter), deponent: deponent.name, transcript: null } }, matterId: deponent.matter.id, suggestions: ctx.messages.suggestions.afterDocuments };
  }

  const byName = docs.map((entry) => ({ entry, score: words(entry.doc.name).filter((w) => w.length >= 4 && !GENERIC.has(w) && said.has(w)).length }))
    .filter((s) => s.score > 0).sort((a, b) => b.score - a.score)[0];
  if (byName && byName.score >= 2) return received(`"${byName.entry.doc.name}"`, byName.entry);

  const kind = KIND_WORDS.find(([, pattern]) => pattern.test(text))?.[0];
  if (kind) {
    const what = KIND_NAMES[ctx.language][kind] ?? kind.toLowerCase();
    const found = docs.filter((d) => d.doc.kind === kind).sort((a, b) => Date.parse(b.doc.receivedAt) - Date.parse(a.doc.receivedAt))[0];
    if (found) return received(what, found);
    return { text: ctx.messages.documentNotReceived(what, focus?.title ?? null), data: { documents: [] }, suggestions: ctx.messages.suggestions.afterDocuments };
  }

  const latest = docs.sort((a, b) => Date.parse(b.doc.receivedAt) - Date.parse(a.doc.receivedAt)).slice(0, 3);
  if (latest.length === 0) return { text: ctx.messages.documentNotReceived(ctx.language === 'en' ? 'any documents' : 'ningún documento', focus?.title ?? null), data: { documents: [] }, suggestions: ctx.messages.suggestions.afterDocuments };
  return {
    text: ctx.messages.recentDocuments(
      focus?.title ?? (ctx.language === 'en' ? 'your matters' : 'sus asuntos'),
      latest.map(({ matter, doc }) => `${doc.name} (${focus ? '' : `${matter.title}, `}${formatDate(doc.receivedAt, ctx.language, ctx.timeZone)})`),
    ),
    data: { documents: latest.map(({ matter, doc }) => ({ matter: matterRef(matter), ...doc })) },
    ...(focus ? { matterId: focus.id } : {}),
    suggestions: ctx.messages.suggestions.afterDocuments,
  };
};
