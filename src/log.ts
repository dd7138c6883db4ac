// One LogOutputChannel for the extension. Every message goes through redact(), so a token that slips
// into an error text still never reaches the output channel.
import * as vscode from 'vscode';
import { redact, type LogLevel, type LogSink } from './api';

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** The same channel as a sink for the API client. */
  readonly sink: LogSink;
  show(): void;
}

export function createLogger(channel: vscode.LogOutputChannel): Logger {
  const write = (level: LogLevel, message: string): void => {
    const safe = redact(message);
    switch (level) {
      case 'trace':
        channel.trace(safe);
        break;
      case 'debug':
        channel.debug(safe);
        break;
      case 'info':
        channel.info(safe);
        break;
      case 'warn':
        channel.warn(safe);
        break;
      case 'error':
        channel.error(safe);
        break;
    }
  };
  return {
    trace: (m) => write('trace', m),
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
    sink: write,
    show: () => channel.show(true),
  };
}
