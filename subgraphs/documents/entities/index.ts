export { DocumentRow, DOCUMENT_KINDS, type DocumentKind } from './Document.js';
