"""The request pipeline of /graphql/ and what it needs: request state, limits and cost, the
persisted operations, the response cache and the edge, errors. Domain modules (articles,
directory, community) never import the view; the view never imports them."""
