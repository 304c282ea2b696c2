import { fold } from '../language.js';

export type Refusal = 'injection' | 'query' | 'role_claim' | 'other_people';

// Each is matched against the message folded to lowercase without accents.
const INJECTION = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instruction|instructions|rules|prompt|guardrails|restrictions|previous|above)\b/,
  /\b(ignora|olvida|omite|salta(te)?)\b.{0,40}\b(instrucciones|reglas|indicaciones|restricciones|anterior|anteriores)\b/,
  /\bsystem prompt\b|\bprompt del sistema\b|\bdeveloper mode\b|\bmodo (desarrollador|administrador|dios)\b|\bjailbreak\b|\bdan mode\b/,
  /\b(list|show|give|dump|print|export|tell)\b.{0,30}\b(all|every|other)\b.{0,20}\b(clients?|customers|users|matters|cases|accounts|people)\b/,
  /\b(lista|muestra|muestrame|dame|exporta|dime)\b.{0,30}\b(todos|todas|otros|otras)\b.{0,25}\b(clientes|usuarios|asuntos|casos|cuentas|personas)\b/,
  /\b(pretend|act as|you are now|from now on you)\b|\b(finge|actua como|ahora eres)\b/,
];
const QUERY = [
  /\b(select|delete|insert|update|drop|truncate|alter)\b[\s\S]{0,80}\b(from|into|table|set|where|database)\b/,
  /\bunion\s+(all\s+)?select\b|\bor\s+1\s*=\s*1\b|'\s*or\s*'|;\s*--|\/\*|\bpg_sleep\b|\binformation_schema\b/,
  /\b(query|mutation|subscription|fragment)\b\s*\w*\s*[({]/,
  /__schema|__typename|__type\b|\{\s*\w+\s*(\([^)]*\))?\s*\{/,
];
const ROLE_CLAIM = [
  /\b(i am|i'm|im|this is)\b.{0,15}\b(the |an |a )?(admin|administrator|sysadmin|superuser|root|attorney|lawyer|partner|paralegal|staff|judge|police|officer|developer|owner|it department)\b/,
  /\b(as (an |the )?(admin|administrator|attorney|staff|developer))\b|\badmin (access|mode|rights|privileges)\b/,
  /\bsoy\b.{0,10}\b(el |la |un |una )?(admin|administrador|administradora|abogado|abogada|socio|socia|juez|jueza|policia|desarrollador|personal del despacho|dueno)\b/,
  /\b(como|con permisos de) (admin|administrador|abogado)\b|\bacceso de administrador\b/,
];
const OTHER_PEOPLE = [
  /\b(other|another|someone else'?s?|somebody else'?s?|different)\b.{0,12}\b(clients?|customers?|person'?s?|people'?s?|users?)\b/,
  /\b(my (neighbou?r|friend|wife|husband|brother|sister|boss|coworker|ex)'?s)\b.{0,20}\b(case|matter|bill|balance|hearing|documents?)\b/,
  /\b(otros?|otras?)\b.{0,10}\b(clientes?|personas?|usuarios?)\b|\bde otra persona\b|\bde alguien mas\b/,
  /\b(de mi (vecino|vecina|amigo|amiga|esposa|esposo|hermano|hermana|jefe|ex))\b/,
];

/** Why a message is refused outright (answered politely, with no data), or null to go on. */
export function refusalOf(message: string): Refusal | null {
  const text = fold(message);
  if (QUERY.some((p) => p.test(text))) return 'query';
  if (INJECTION.some((p) => p.test(text))) return 'injection';
  if (ROLE_CLAIM.some((p) => p.test(text))) return 'role_claim';
  if (OTHER_PEOPLE.some((p) => p.test(text))) return 'other_people';
  return null;
}

/** Invisible and look-alike characters folded away before anything reads the message. */
export const cleanMessage = (message: string) =>
  message.normalize('NFKC').replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '').replace(/\s+/g, ' ').trim();

const NAME = String.raw`((?:\p{Lu}[\p{L}'-]+)(?:\s+\p{Lu}[\p{L}'-]+){0,2})`;
const THEIR_THINGS = String.raw`(case|matter|balance|bills?|invoices?|hearing|court date|trial|documents?|lawyer|attorney|stage|file)`;
const SOMEONE_ELSES = [
  new RegExp(String.raw`${NAME}['’]s\s+(?:next\s+|current\s+)?${THEIR_THINGS}\b`, 'u'),
  new RegExp(String.raw`\b(?:[Ww]hat|[Hh]ow much) (?:does|do)\s+${NAME}\s+owe\b`, 'u'),
  new RegExp(String.raw`\b${THEIR_THINGS}\s+(?:of|for)\s+${NAME}`, 'u'),
  new RegExp(String.raw`\b(?:saldo|caso|asunto|facturas?|audiencia|juicio|documentos|abogad[oa]|deuda|expediente)\s+(?:de|del cliente)\s+${NAME}`, 'u'),
  new RegExp(String.raw`\bcu[aá]nto debe\s+${NAME}`, 'u'),
];

/**
 * A question about a named person's case, bill or hearing ("Ben Okafor's balance", "el saldo de
 * Ava Martin") when that person is not the caller: refused like any other client's data. Names
 * are told by their capitals; a deponent ("Jane Doe's deposition") is not one of these things.
 */
export function asksAboutSomeoneElse(message: string, callerName: string | null): boolean {
  const caller = new Set(fold(callerName ?? '').split(/\s+/).filter(Boolean));
  return SOMEONE_ELSES.some((pattern) => {
    const match = pattern.exec(message);
    const name = match?.slice(1).find((group) => group !== undefined && /^\p{Lu}/u.test(group));
    return name !== undefined && !fold(name).split(/\s+/).every((part) => caller.has(part) || ['my', 'mi', 'the', 'la', 'el', 'i'].includes(part));
  });
}
