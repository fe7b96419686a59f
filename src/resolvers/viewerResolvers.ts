import type { Resolvers } from '../generated/graphql.js';
import { mayRunMutations, visibilityFor } from '../policy/index.js';

/** `Query.viewer`: the request's role and what the policy lets it do, for clients such as the explorer. */
export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_parent, _args, { viewer }) => {
      const visibility = visibilityFor(viewer.role);
      return {
        role: viewer.role,
        subject: viewer.subject ?? null,
        seesVictims: visibility.hiddenLabels.length === 0,
        readsProtected: visibility.readsProtected,
        exactAggregates: visibility.exactAggregates,
        mayWrite: mayRunMutations(viewer.role),
      };
    },
  },
};
