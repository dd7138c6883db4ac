// The logging hook. Every message goes through redact() before it reaches the sink.
import { redact } from './redact';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, message: string) => void;

export type Logger = (level: LogLevel, message: string) => void;

export function safeLogger(sink: LogSink | undefined): Logger {
  if (sink === undefined) {
    return () => undefined;
  }
  return (level, message) => {
    try {
      sink(level, redact(message));
    } catch {
      // A failing log sink must never break a request.
    }
  };
}
