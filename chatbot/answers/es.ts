import type { EventLine, Messages } from './messages.js';

const event = (e: EventLine) => `${e.title}, el ${e.when}${e.location ? `, en ${e.location}` : ''}`;
const inMatter = (matter: string | null) => (matter ? `en ${matter}` : 'en ninguno de sus asuntos');
const STATUS: Record<string, string> = { AWAITING_PAYMENT: 'pendiente de pago', OVERDUE: 'vencida', PAID: 'pagada', VOID: 'anulada', DRAFT: 'borrador' };

export const es: Messages = {
  greeting: (name) => `¡Hola${name ? ` ${name}` : ''}! Puedo informarle sobre sus audiencias, documentos, facturas y el estado de su caso. ¿Qué desea saber?`,
  help: () => 'Puede preguntarme: "¿Cuándo es mi próxima audiencia?", "¿Cuánto debo?", "¿Recibieron la transcripción de la declaración?", "¿En qué etapa está mi caso?", "¿Qué hay de nuevo desde la semana pasada?", "¿Quién es mi abogado?" — o decir "Quiero hablar con mi abogado".',
  outOfScope: () => 'Solo puedo ayudarle con sus asuntos en el despacho: audiencias, documentos, facturas y el estado de su caso. Para todo lo demás, su abogado puede ayudarle.',
  notUnderstood: () => 'No estoy seguro de haberle entendido. ¿Puede decirlo de otra forma? Por ejemplo: "¿Cuándo es mi próxima audiencia?" o "¿Cuánto debo?". También puedo pedir a su abogado que le contacte.',
  legalAdvice: () => 'No puedo darle asesoramiento jurídico; su situación merece una respuesta de su abogado. ¿Quiere que le pida que se ponga en contacto con usted?',
  refused: () => 'Lo siento, no puedo ayudarle con eso. Solo puedo responder sobre sus propios asuntos, con sus propios datos.',
  unknownMatter: () => 'No encuentro ese asunto entre los suyos. Solo puedo responder sobre sus propios asuntos; pregúnteme "¿Cuáles son mis asuntos?" para verlos.',
  whichMatter: (titles) => `¿A qué asunto se refiere: ${titles.join(' o ')}?`,
  nextHearing: (matter, e) => `Su próxima fecha en el tribunal en ${matter} es: ${event(e)}.`,
  noHearing: (matter) => `No hay ninguna audiencia programada ${inMatter(matter)} por ahora. Le avisaremos en cuanto se fije una.`,
  upcomingEvents: (matter, events) => `Próximamente ${matter ? `en ${matter}` : 'en sus asuntos'}: ${events.map(event).join('; ')}.`,
  noEvents: (matter) => `No hay nada programado ${inMatter(matter)} por ahora.`,
  balance: (lines, total) => lines.length === 1 && total === null
    ? `Debe ${lines[0]?.amount} en ${lines[0]?.matter}.`
    : `Debe ${total} en total: ${lines.map((l) => `${l.amount} en ${l.matter}`).join('; ')}.`,
  invoices: (lines) => `Sus facturas: ${lines.map((l) => `${l.number} (${l.matter}), emitida el ${l.issued}, ${l.total}, pendiente ${l.balance}, ${l.status}`).join('; ')}.`,
  noInvoices: (matter) => `No hay facturas ${inMatter(matter)}.`,
  invoiceStatus: (status) => STATUS[status] ?? status.toLowerCase(),
  documentReceived: (what, name, received, matter) => `Sí: recibimos ${what} ("${name}") el ${received}, en ${matter}.`,
  documentNotReceived: (what, matter) => `Todavía no hemos recibido ${what} ${inMatter(matter)}. Le avisaremos en cuanto llegue.`,
  recentDocuments: (matter, names) => `Los últimos documentos en ${matter}: ${names.join('; ')}.`,
  transcriptOf: (deponent) => `la transcripción de la declaración de ${deponent}`,
  stage: (matter, stage, since, latest) => `${matter}: ${stage}${since ? ` (desde el ${since})` : ''}.${latest ? ` Lo último: ${latest}` : ''}`,
  updates: (matter, lines, since, earlier) => `${since ? `Desde el ${since}` : 'Las últimas novedades'}${matter ? ` en ${matter}` : ''}: ${lines.map((l) => `${l.when} — ${l.title}`).join('; ')}${earlier ? `; y ${earlier} más antiguas` : ''}.`,
  noUpdates: (matter, since) => `No hay novedades ${matter ? `en ${matter}` : 'en sus asuntos'}${since ? ` desde el ${since}` : ''}.`,
  matters: (titles) => `Sus asuntos: ${titles.join('; ')}.`,
  noMatters: () => 'No veo ningún asunto asociado a su usuario.',
  contact: (matter, name, email) => `${name} es quien lleva ${matter}${email ? `; puede escribirle a ${email}` : ''}. También puedo pedirle que se ponga en contacto con usted.`,
  noAttorney: (matter) => `Todavía no hay un abogado asignado a ${matter}. Puedo pedir al despacho que le contacte.`,
  handoffCreated: (name, due, matter) => `Hecho. He pedido a ${name ?? 'el despacho'} que se ponga en contacto con usted sobre ${matter} antes del ${due}.`,
  handoffUnavailable: () => 'No he podido contactar ahora con el sistema del despacho para pasar su petición. Inténtelo de nuevo en unos minutos o llame a la oficina.',
  handoffOffer: () => 'Me está costando entenderle, así que pediré a una persona del despacho que se ponga en contacto con usted.',
  suggestions: {
    start: ['¿Cuándo es mi próxima audiencia?', '¿Cuánto debo?', '¿En qué etapa está mi caso?'],
    afterHearing: ['¿Y el saldo?', '¿Qué pasa después?', '¿Quién es mi abogado?'],
    afterBalance: ['Ver mis facturas', '¿Cuándo es mi próxima audiencia?'],
    afterDocuments: ['¿Qué hay de nuevo desde la semana pasada?', '¿En qué etapa está mi caso?'],
    afterStage: ['¿Cuándo es mi próxima audiencia?', '¿Qué hay de nuevo desde la semana pasada?'],
    handoff: ['Quiero hablar con mi abogado'],
  },
};
