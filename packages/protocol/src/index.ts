export * from './constants.ts';
export * from './ids.ts';
export * from './errors.ts';
export * from './rounds.ts';
export * from './session.ts';
export * from './commands.ts';
export * from './events.ts';
export * from './http.ts';
export type * from './socket.ts';
