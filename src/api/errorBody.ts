// Error bodies are optional and come in several shapes (see the API notes): the site's
// {statusCode, data:{errors[]}, message}, the gateway's {code, message}, Data Center's {errorMessages[]}.
import { redact } from './redact';

const MAX_MESSAGE_LENGTH = 500;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function translationsOf(data: unknown): string[] {
  if (!isRecord(data) || !Array.isArray(data.errors)) {
    return [];
  }
  const out: string[] = [];
  for (const e of data.errors) {
    if (!isRecord(e)) {
      continue;
    }
    const m = e.message;
    const text = isRecord(m) ? nonEmpty(m.translation) ?? nonEmpty(m.key) : nonEmpty(m);
    if (text !== undefined) {
      out.push(text);
    }
  }
  return out;
}

function messageOf(json: unknown): string | undefined {
  if (!isRecord(json)) {
    return undefined;
  }
  const direct = nonEmpty(json.message);
  if (direct !== undefined) {
    return direct;
  }
  const translations = translationsOf(json.data);
  if (translations.length > 0) {
    return translations.join('; ');
  }
  if (Array.isArray(json.errorMessages)) {
    const dc = json.errorMessages.map(nonEmpty).filter((m): m is string => m !== undefined);
    if (dc.length > 0) {
      return dc.join('; ');
    }
  }
  return nonEmpty(json.reason) ?? nonEmpty(json.error_description) ?? nonEmpty(json.error);
}

function looksLikeJson(body: string, contentType: string | undefined): boolean {
  if (contentType !== undefined && /[/+]json\b/i.test(contentType)) {
    return true;
  }
  const first = body.trimStart()[0];
  return first === '{' || first === '[';
}

/** The server's own explanation in an error body, redacted and shortened; undefined if there is none. */
export function errorMessageFromBody(body: string, contentType?: string): string | undefined {
  if (body.trim() === '' || !looksLikeJson(body, contentType)) {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const message = messageOf(json);
  if (message === undefined) {
    return undefined;
  }
  const clean = redact(message.replace(/\s+/g, ' '));
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : clean;
}
