import type { Language } from '../language.js';

/** Where a matter stands and what happens next, in plain words, per official stage. */
export const STAGE_WORDS: Record<Language, Record<string, { now: string; next: string }>> = {
  en: {
    INTAKE: { now: 'we are reviewing your case before taking it on', next: 'Next, we confirm the engagement with you.' },
    ENGAGED: { now: 'we are working on your matter', next: 'Next, we prepare and file the first documents with the court or the other side.' },
    PLEADINGS: { now: 'the first court papers (the complaint and the answer) are being filed', next: 'Next comes discovery: both sides exchange documents and take depositions.' },
    DISCOVERY: { now: 'the case is in discovery: both sides exchange documents and take sworn testimony (depositions)', next: 'Next, once discovery is complete, we prepare for trial or settlement talks.' },
    DISCOVERY_COMPLETE: { now: 'discovery is complete', next: 'Next, we prepare for trial and any settlement discussions.' },
    PRE_TRIAL: { now: 'we are preparing for trial', next: 'Next is the trial itself, unless the case settles first.' },
    TRIAL: { now: 'the case is at trial', next: 'Next, the court decides, and we tell you what it means for you.' },
    RESOLUTION: { now: 'the case is being resolved (a settlement or a judgment is being finalised)', next: 'Next, we close the matter once everything is signed and paid.' },
    CLOSED: { now: 'this matter is closed', next: 'Nothing more is scheduled; your attorney can reopen it if needed.' },
  },
  es: {
    INTAKE: { now: 'estamos revisando su caso antes de aceptarlo', next: 'Lo siguiente es confirmar el encargo con usted.' },
    ENGAGED: { now: 'estamos trabajando en su asunto', next: 'Lo siguiente es preparar y presentar los primeros escritos.' },
    PLEADINGS: { now: 'se están presentando los primeros escritos ante el tribunal (demanda y contestación)', next: 'Después viene la fase de prueba: ambas partes intercambian documentos y toman declaraciones.' },
    DISCOVERY: { now: 'el caso está en fase de prueba (discovery): ambas partes intercambian documentos y toman declaraciones juradas', next: 'Cuando termine esa fase, prepararemos el juicio o las negociaciones de acuerdo.' },
    DISCOVERY_COMPLETE: { now: 'la fase de prueba ha terminado', next: 'Ahora preparamos el juicio y cualquier negociación de acuerdo.' },
    PRE_TRIAL: { now: 'estamos preparando el juicio', next: 'Lo siguiente es el juicio, salvo que se llegue antes a un acuerdo.' },
    TRIAL: { now: 'el caso está en juicio', next: 'Después, el tribunal decide y le explicaremos qué significa para usted.' },
    RESOLUTION: { now: 'el caso se está resolviendo (se está cerrando un acuerdo o una sentencia)', next: 'Después cerraremos el asunto cuando todo esté firmado y pagado.' },
    CLOSED: { now: 'este asunto está cerrado', next: 'No hay nada más previsto; su abogado puede reabrirlo si hace falta.' },
  },
};
