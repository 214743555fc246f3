// Colours and categories shared by every chart and the HTML legends, so one meaning has one colour.
// Colours are from the Tableau-10 and ColorBrewer palettes, chosen to stay apart for common colour
// vision deficiencies (role = blue family, outcomes = green/red/orange, events = distinct hues).

export type EventCategory = 'detection' | 'recovery' | 'election' | 'failover' | 'switch' | 'abort' | 'other';

/** Groups the §13.2 catalogue for colouring; exact types stay in the hover text. */
export function eventCategory(type: string): EventCategory {
  if (type === '+sdown' || type === '+odown') return 'detection';
  if (type === '-sdown' || type === '-odown') return 'recovery';
  if (['+new-epoch', '+try-failover', '+vote-for-leader', '+elected-leader'].includes(type))
    return 'election';
  if (type.startsWith('-failover-abort') || type === '+tilt' || type.endsWith('-timeout')) return 'abort';
  if (['+switch-master', '+failover-end', '+config-update-from', '+convert-to-slave'].includes(type)) {
    return 'switch';
  }
  if (type.startsWith('+failover-') || type.startsWith('+slave-reconf') || type === '+selected-slave') {
    return 'failover';
  }
  if (type === '+promoted-slave') return 'failover';
  return 'other';
}

export const eventColors: Readonly<Record<EventCategory, string>> = {
  detection: '#c51b7d',
  recovery: '#9edae5',
  election: '#9467bd',
  failover: '#17becf',
  switch: '#2ca02c',
  abort: '#000000',
  other: '#c7c7c7',
};

export const eventLabels: Readonly<Record<EventCategory, string>> = {
  detection: '+sdown / +odown',
  recovery: '-sdown / -odown',
  election: 'epoch, try, vote, elected',
  failover: 'failover steps',
  switch: '+switch-master, end, config update',
  abort: 'abort / timeout / tilt',
  other: 'other',
};

export const stateColors: Readonly<Record<string, string>> = {
  master: '#1f5fa8',
  replica: '#9ecae1',
  unknown: '#e5e5e5',
  down: '#7f7f7f',
  paused: '#f2c14e',
  up: '#eef1f5',
};

export const outcomeColors: Readonly<Record<'ok' | 'fail' | 'unknown', string>> = {
  ok: '#3a9d3a',
  fail: '#d62728',
  unknown: '#ff9f1c',
};

export const faultColor = '#e8590c';
export const budgetColor = '#d62728';
