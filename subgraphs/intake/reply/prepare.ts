import type { Language } from '../routing/vocabulary.js';

/** What a prospect should have ready for the first call, per practice area (CMS names). */
export const PREPARE: Readonly<Record<string, Readonly<Record<Language, readonly string[]>>>> = {
  'Personal Injury': {
    en: ['the police or accident report', 'photos of the scene, the vehicles and your injuries', 'your medical records and bills', 'your and the other party\'s insurance details'],
    es: ['el informe policial o del accidente', 'fotos del lugar, de los vehículos y de sus lesiones', 'sus registros y facturas médicas', 'los datos del seguro suyo y de la otra parte'],
  },
  'Family Law': {
    en: ['your marriage certificate and any existing court orders', 'recent pay stubs and tax returns', 'a list of assets and debts', 'your children\'s schedules, if custody is involved'],
    es: ['su acta de matrimonio y cualquier orden judicial existente', 'recibos de pago y declaraciones de impuestos recientes', 'una lista de bienes y deudas', 'los horarios de sus hijos, si se trata de custodia'],
  },
  'Estate Planning': {
    en: ['a list of your assets and accounts', 'any existing will or trust', 'the names of the people you want to provide for'],
    es: ['una lista de sus bienes y cuentas', 'cualquier testamento o fideicomiso existente', 'los nombres de las personas que desea proteger'],
  },
  Employment: {
    en: ['your employment contract or offer letter', 'pay stubs', 'emails, messages or notes about what happened, with dates'],
    es: ['su contrato de trabajo o carta de oferta', 'recibos de pago', 'correos, mensajes o notas sobre lo ocurrido, con fechas'],
  },
};

const GENERAL: Readonly<Record<Language, readonly string[]>> = {
  en: ['any documents, letters or contracts about your matter', 'a short timeline of what happened, with dates', 'the names of everyone involved'],
  es: ['cualquier documento, carta o contrato sobre su asunto', 'una breve cronología de lo ocurrido, con fechas', 'los nombres de todas las personas involucradas'],
};

export const preparationFor = (practiceArea: string, language: Language): readonly string[] => PREPARE[practiceArea]?.[language] ?? GENERAL[language];
