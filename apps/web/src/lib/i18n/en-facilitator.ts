import type { PartialFacilitatorMessages } from './types.ts';

/** English, facilitator side: a start. Keys left out fall back to Dutch; a typo in a key does not compile. */
export const enFacilitator: PartialFacilitatorMessages = {
  create: {
    anonymityHeading: 'Anonymity',
    releaseEveryLabel: 'Show new pain points at most every so many seconds',
    releaseMinLabel: 'Show at least this many pain points together',
  },
  kinds: {
    'pain-points': 'Pain points (anonymous)',
    hints: { 'pain-points': 'Everyone writes down anonymously what hurts; the others can say “me too”.' },
  },
  board: {
    wallHeading: 'Wall',
    addTheme: '+ Theme',
    actions: 'Actions',
    menuTheme: 'Theme…',
    menuHide: 'Hide…',
    menuShow: 'Show again',
    menuMerge: 'Merge with…',
    approve: 'Approve',
    reject: 'Reject…',
    cancel: 'Cancel',
  },
  console: {
    versionsHeading: 'Versions',
    versionLabel: 'Name of the version',
    versionDefault: 'Version {number}',
    versionSave: 'Save version',
    versionView: 'View',
    versionClose: 'Close',
    assemble: 'Add to the plenary text',
    assembled: 'The draft of {zone} is now at the end of the plenary text.',
    open: 'Open voting',
    close: 'Close voting',
    lock: 'Pause',
    unlock: 'Resume',
    reveal: 'Show results',
    hide: 'Hide results',
  },
  projector: {
    fullscreen: 'Full screen',
    writeNow: 'Write down on your phone what hurts. Nobody sees who wrote what.',
  },
};
