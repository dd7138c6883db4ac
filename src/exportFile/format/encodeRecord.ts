// Our own export format, written: the cells of a record (the inverse of decodeRecord.recordFromCells). Optional
// fields: absent is an empty cell, null is the literal `null`.
import type { AuditRecord } from '../../api/types';
import type { CellReader } from './columns';

/** Optional fields as the format writes them: absent is an empty cell, null is `null`. */
function optionalCell(value: string | boolean | null | undefined): string {
  if (value === undefined) return '';
  return value === null ? 'null' : String(value);
}

/**
 * The cells the export format has for a record (the inverse of recordFromCells, used for JSON Lines and the
 * other formats). Each cell is made when it is read: the table never reads "Date" or "Creation date".
 */
export function cellsOfRecord(r: AuditRecord): CellReader {
  const a = r.author;
  return (column) => {
    switch (column) {
      case 'Date': return new Date(r.creationDate).toISOString();
      case 'Author': return a.displayName;
      case 'Author account id': return optionalCell(a.accountId);
      case 'Remote address': return r.remoteAddress;
      case 'Event type': return r.category;
      case 'Change': return r.summary;
      case 'Description': return r.description;
      case 'Affected object': return r.affectedObject.name;
      case 'Affected object type': return r.affectedObject.objectType;
      case 'Associated objects': return JSON.stringify(r.associatedObjects);
      case 'Changed values': return JSON.stringify(r.changedValues);
      case 'Creation date': return String(r.creationDate);
      case 'System admin': return String(r.sysAdmin);
      case 'Super admin': return optionalCell(r.superAdmin);
      case 'Author type': return a.type;
      case 'Author account type': return optionalCell(a.accountType);
      case 'Author public name': return optionalCell(a.publicName);
      case 'Author username': return optionalCell(a.username);
      case 'Author user key': return optionalCell(a.userKey);
      case 'Author is guest': return optionalCell(a.isGuest);
      case 'Author is external collaborator': return optionalCell(a.isExternalCollaborator);
      case 'Author external collaborator': return optionalCell(a.externalCollaborator);
      case 'Author operations': return a.operations === undefined ? '' : JSON.stringify(a.operations);
    }
  };
}
