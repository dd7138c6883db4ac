// Time windows, in one import: the specs and presets, how they resolve to ranges, their labels and tooltips,
// their validation, and parsing of what users type. Each part lives in its own file.
export * from './windowSpec';
export * from './windowResolve';
export * from './windowText';
export * from './windowValidation';
export * from './timeInput';
