"""The queries the tests send, written as a frontend would write them."""

ORGANISATION_FIELDS = """
  id name acronym description phone phoneDisplay email website contactNote
  address city region country coverage coverageNote lastVerified
  services { name slug description }
"""

ARTICLE = (
    """
query Article($slug: String!, $locale: String) {
  article(slug: $slug, locale: $locale) {
    id title slug url seoTitle searchDescription
    greeting intro publicationDate commentsEnabled reactionsEnabled
    firstPublishedAt lastPublishedAt
    author { name bio }
    tags { name }
    heroImage { id }
    body {
      __typename id blockType field
      ... on HeadingBlock { text level }
      ... on ParagraphBlock { value }
      ... on FigureBlock { image { id } altText decorative caption }
      ... on QuizBlock { title intro questions { id prompt kind choices { id text } } }
      ... on DiscussionPromptBlock { question invitation }
      ... on ProgrammeListBlock { heading intro programmes { name abbreviation description } }
      ... on OrganisationDirectoryBlock { heading intro organisations { """
    + ORGANISATION_FIELDS
    + """ } }
      ... on CalloutBlock { kind title body }
      ... on SignOffBlock { closing signature }
    }
  }
}
"""
)

ARTICLES = """
query Articles($tag: String, $page: Int, $perPage: Int, $locale: String) {
  articles(tag: $tag, page: $page, perPage: $perPage, locale: $locale) {
    items { title slug publicationDate author { name } tags { name } }
    pagination { total count perPage currentPage prevPage nextPage totalPages }
  }
}
"""

ORGANISATIONS = (
    """
query Organisations(
  $service: String, $region: String, $coverage: CoverageEnum, $search: String,
  $page: Int, $perPage: Int, $locale: String
) {
  organisations(
    service: $service, region: $region, coverage: $coverage, search: $search,
    page: $page, perPage: $perPage, locale: $locale
  ) {
    items { """
    + ORGANISATION_FIELDS
    + """ }
    pagination { total count perPage currentPage totalPages }
  }
}
"""
)
