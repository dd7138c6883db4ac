// Recognises the columns of a CSV export by their names, so that exports we did not write open: Cloud's
// (whose columns no public sample shows), Data Center's, our own "Export Shown Records" CSV, a spreadsheet
// an admin saved. Names are compared folded (case, accents, spaces and punctuation ignored).

/** The record fields a column can hold. */
export const FIELD_ROLES = [
  'time', 'timeMs', 'zone', 'summary', 'category', 'author', 'authorUsername', 'authorAccountId', 'authorPublicName',
  'authorType', 'address', 'description', 'objectName', 'objectType', 'associated', 'changed', 'sysAdmin', 'superAdmin',
] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

/** Column position per field; a field without a column is absent. */
export type ColumnMapping = Partial<Record<FieldRole, number>>;

/** What the tree needs of every record: when, what, who, from where (asked for when a header is unknown). */
export const NEEDED_ROLES = ['time', 'summary', 'author', 'address'] as const;
export type NeededRole = (typeof NEEDED_ROLES)[number];

export const ROLE_LABELS: Readonly<Record<NeededRole, string>> = {
  time: 'Time (when it happened)',
  summary: 'Event (what happened)',
  author: 'Author (who did it)',
  address: 'Address (the IP it came from)',
};

/** Case, accents, spaces and punctuation folded away; Data Center's untranslated i18n key prefix too. */
export function foldName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/^auditloggingcsvheader/, '');
}

/** Spellings seen or documented, in English, German, French and Spanish, and our own camelCase names. */
const NAMES: ReadonlyArray<readonly [FieldRole, readonly string[]]> = [
  ['timeMs', ['creationdatems', 'epochms', 'timestampms', 'epochmillis', 'creationdateepochms']],
  ['time', ['date', 'time', 'timestamp', 'creationdate', 'created', 'datetime', 'dateandtime', 'eventtime', 'when', 'occurredat', 'datum', 'zeit', 'zeitstempel', 'heure', 'horodatage', 'dateetheure', 'fecha', 'fechayhora']],
  ['zone', ['timezone', 'zone', 'tz', 'zeitzone', 'fuseauhoraire', 'zonahoraria']],
  ['summary', ['change', 'summary', 'action', 'event', 'eventname', 'activity', 'anderung', 'aktion', 'ereignis', 'zusammenfassung', 'modification', 'resume', 'evenement', 'cambio', 'resumen', 'evento']],
  ['category', ['eventtype', 'category', 'kategorie', 'ereignistyp', 'categorie', 'typedevenement', 'categoria', 'tipodeevento']],
  ['author', ['author', 'authordisplayname', 'authorname', 'displayname', 'user', 'actor', 'performedby', 'autor', 'benutzer', 'auteur', 'utilisateur', 'usuario']],
  ['authorUsername', ['authorusername', 'username', 'benutzername', 'nomdutilisateur', 'nombredeusuario']],
  ['authorAccountId', ['authoraccountid', 'accountid', 'userid', 'actorid']],
  ['authorPublicName', ['authorpublicname', 'publicname']],
  ['authorType', ['authortype']],
  ['address', ['remoteaddress', 'address', 'ipaddress', 'ip', 'sourceip', 'clientip', 'source', 'remoteip', 'adresse', 'ipadresse', 'adresseip', 'direccion', 'direccionip']],
  ['description', ['description', 'beschreibung', 'descripcion']],
  ['objectName', ['affectedobject', 'affectedobjectname', 'changedobject', 'object', 'objectname', 'betroffenesobjekt', 'objet', 'objetaffecte', 'objeto', 'objetoafectado']],
  ['objectType', ['affectedobjecttype', 'changedobjecttype', 'objecttype', 'objekttyp', 'typedobjet', 'tipodeobjeto']],
  ['associated', ['associatedobjects', 'associateditems', 'zugehorigeobjekte', 'objetsassocies', 'objetosasociados']],
  ['changed', ['changedvalues', 'changes', 'geandertewerte', 'valeursmodifiees', 'valorescambiados']],
  ['sysAdmin', ['sysadmin', 'systemadmin']],
  ['superAdmin', ['superadmin']],
];

const ROLE_BY_NAME: ReadonlyMap<string, FieldRole> = new Map(NAMES.flatMap(([role, names]) => names.map((n) => [n, role] as const)));

/** The fields the header's names give away (the first column of a name wins). */
export function recognizeColumns(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  header.forEach((name, i) => {
    const role = ROLE_BY_NAME.get(foldName(name));
    if (role !== undefined && mapping[role] === undefined) mapping[role] = i;
  });
  return mapping;
}

/** Whether a mapping can place every record in time and say what happened. */
export function isUsableMapping(mapping: ColumnMapping): boolean {
  return (mapping.time !== undefined || mapping.timeMs !== undefined) && mapping.summary !== undefined;
}

/** A stable key for a header (to remember the mapping a person chose for it). */
export function headerKey(header: readonly string[]): string {
  return header.map(foldName).join('\u0000');
}
