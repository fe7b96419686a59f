import type { EntityKind } from './gql/graphql';

/**
 * One colour and one short badge per kind, used on the canvas, in lists and in cards alike
 * (Tableau 10: distinguishable with the common colour-vision deficiencies; badges carry the kind
 * for anyone who cannot tell the colours apart).
 */
export const KIND_STYLE: Record<EntityKind, { colour: string; badge: string; label: string }> = {
  PERSON: { colour: '#4e79a7', badge: 'P', label: 'Person' },
  ORGANIZATION: { colour: '#f28e2b', badge: 'O', label: 'Organisation' },
  SCAM_CENTRE: { colour: '#e15759', badge: 'SC', label: 'Scam centre' },
  LOCATION: { colour: '#76b7b2', badge: 'L', label: 'Location' },
  ACCOUNT: { colour: '#59a14f', badge: 'A', label: 'Account' },
  OPERATION: { colour: '#b8860b', badge: 'Op', label: 'Operation' },
  SOURCE: { colour: '#b07aa1', badge: 'S', label: 'Source' },
};

export const EDGE_COLOUR = '#9aa5b1';
export const HIGHLIGHT_COLOUR = '#d62728';
