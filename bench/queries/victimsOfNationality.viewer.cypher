// The viewer's statement: victims do not exist for a viewer (src/policy/visibility.ts).
RETURN {totalCount: 0, pageInfo: {hasNextPage: false}, edges: []} AS people
