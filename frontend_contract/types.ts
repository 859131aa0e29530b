/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** How urgent a callout is: EMERGENCY is for crisis lines and overdose instructions. */
export type CalloutKind =
  | 'EMERGENCY'
  | 'INFO'
  | 'WARNING';

/**
 * What happened to a posted comment: PENDING awaits moderation and is not shown to
 * readers until a moderator approves it; APPROVED is published on the article.
 */
export type CommentStatus =
  | 'APPROVED'
  | 'PENDING';

/** How far an organisation's services reach. */
export type CoverageEnum =
  | 'LOCAL'
  | 'NATIONAL'
  | 'REGIONAL';

/** What a reader found wrong with a directory entry. */
export type DirectoryProblemKind =
  /** Closed */
  | 'CLOSED'
  /** Moved */
  | 'MOVED'
  /** Other */
  | 'OTHER'
  /** Wrong email address */
  | 'WRONG_EMAIL'
  /** Wrong phone number */
  | 'WRONG_PHONE';

/** What happened to a report: RECEIVED, it waits for an editor. */
export type DirectoryReportStatus =
  | 'RECEIVED';

/** Why an input was refused. Mutations return these as data in `errors`, never as GraphQL errors. */
export type ErrorCode =
  /** The article does not take comments */
  | 'COMMENTS_CLOSED'
  /** The same comment was already posted on this article */
  | 'DUPLICATE'
  /** The form is too old: load the article again */
  | 'EXPIRED'
  /** The form token was already used (it sent a comment or report): load the form again */
  | 'FORM_ALREADY_USED'
  /** The value is not acceptable */
  | 'INVALID'
  /** The text hides HTML under more layers of encoding than can be removed */
  | 'MARKUP_NOT_ALLOWED'
  /** The article, comment or organisation does not exist or is not public */
  | 'NOT_FOUND'
  /** Too many attempts from this client: wait and try again */
  | 'RATE_LIMITED'
  /** The article does not take reactions */
  | 'REACTIONS_CLOSED'
  /** A required value is missing or empty */
  | 'REQUIRED'
  /** The value is longer than allowed */
  | 'TOO_LONG';

/** Outline level of a heading block. */
export type HeadingLevel =
  | 'H2'
  | 'H3'
  | 'H4';

export type PostCommentInput = {
  articleId: string | number;
  /** Required, at most 254 characters; never published. */
  authorEmail: string;
  /** 1–100 characters; published. */
  authorName: string;
  /** 1–5,000 characters of plain text; any HTML is removed. */
  body: string;
  /** The `commenterKey` a previous postComment returned to this reader, if any. It is what makes a returning commenter trusted (the email is not): once a moderator approves one of their comments, later comments carrying the key are published at once. Send null when you have none. */
  commenterKey?: string | null | undefined;
  /** The article's `commentFormToken`, as loaded with the form. */
  formToken: string;
  /** To reply: the id of an approved top-level comment on the same article. */
  parentId?: string | number | null | undefined;
  /** Anti-spam trap: render a field named “website” that people cannot see or reach (off-screen, `tabindex=-1`, `autocomplete=off`) and send its value, which must be empty. */
  website?: string | null | undefined;
};

/** How a quiz question is answered: one choice (TRUE_FALSE, SINGLE_CHOICE) or several. */
export type QuestionKind =
  | 'MULTIPLE_CHOICE'
  | 'SINGLE_CHOICE'
  | 'TRUE_FALSE';

export type QuizAnswer = {
  /** The chosen choice ids (one for TRUE_FALSE and SINGLE_CHOICE questions); empty when the question was skipped. */
  choiceIds: Array<string | number>;
  /** A question id from the quiz block. */
  questionId: string | number;
};

/** How a reader can react to an article. Chosen for people who use drugs and their families: supportive, never judgemental, and there is no negative reaction. */
export type ReactionKind =
  /** This helped me */
  | 'HELPFUL'
  /** This gives me hope */
  | 'HOPEFUL'
  /** I learned something */
  | 'LEARNED'
  /** Sending support */
  | 'SUPPORT';

export type ReportDirectoryProblemInput = {
  /** `directoryReportFormToken`, as loaded with the form (one report each). */
  formToken: string;
  kind: DirectoryProblemKind;
  /** Optional, at most 1,000 characters of plain text (any HTML is removed): what is wrong, e.g. the number that works now. Ask readers not to write personal details; editors read it. */
  note?: string | null | undefined;
  /** The `id` of the organisation (any of its translations). */
  organisationId: string | number;
  /** Anti-spam trap, as in postComment: render a field named “website” that people cannot see or reach and send its value, which must be empty. */
  website?: string | null | undefined;
};

export type SubmitQuizInput = {
  answers: Array<QuizAnswer>;
  articleId: string | number;
  /** The quiz block's `id`. */
  quizId: string | number;
};

/** How an editor checked an organisation's details. */
export type VerificationMethodEnum =
  | 'EMAIL'
  | 'IN_PERSON'
  | 'PHONE_CALL'
  | 'WEBSITE';

export type ArticleBySlugQueryVariables = Exact<{
  slug: string;
  locale?: string | null | undefined;
  commentsPage?: number | null | undefined;
  commentsPerPage?: number | null | undefined;
}>;


export type ArticleBySlugQuery = { article: { __typename: 'ArticlePage', id: string | null, title: string, slug: string, url: string | null, locale: string, seoTitle: string, searchDescription: string | null, greeting: string, intro: string, publicationDate: string, firstPublishedAt: string | null, lastPublishedAt: string | null, commentsEnabled: boolean, reactionsEnabled: boolean, commentCount: number, heroImage: { __typename: 'ImageObjectType', id: string, title: string, description: string, url: string, width: number, height: number } | null, author: { __typename: 'Author', id: string | null, locale: string, isFallback: boolean, name: string, bio: string, image: { __typename: 'ImageObjectType', id: string, title: string, description: string, url: string, width: number, height: number } | null } | null, tags: Array<{ __typename: 'TagObjectType', id: string, name: string } | null> | null, translations: Array<{ __typename: 'TranslationLink', locale: string, url: string, slug: string, title: string }>, translationStatus: { __typename: 'TranslationStatus', isTranslation: boolean, sourceLocale: string | null, upToDate: boolean, sourceUpdatedAt: string | null }, comments: { __typename: 'PaginatedComments', items: Array<{ __typename: 'Comment', id: string, authorName: string, body: string, createdAt: string, replies: Array<{ __typename: 'Comment', id: string, authorName: string, body: string, createdAt: string }> }>, pagination: { __typename: 'PaginationType', total: number, count: number, perPage: number, currentPage: number, prevPage: number | null, nextPage: number | null, totalPages: number } }, reactions: Array<{ __typename: 'ReactionCount', kind: ReactionKind, label: string, count: number }>, body: Array<
      | { __typename: 'BlockQuoteBlock', id: string | null, blockType: string }
      | { __typename: 'BooleanBlock', id: string | null, blockType: string }
      | { __typename: 'CalloutBlock', kind: CalloutKind, title: string, body: string, safetyCritical: boolean, locale: string, isFallback: boolean, id: string | null, blockType: string }
      | { __typename: 'CharBlock', id: string | null, blockType: string }
      | { __typename: 'ChoiceBlock', id: string | null, blockType: string }
      | { __typename: 'CrisisLinesBlock', heading: string, intro: string, locale: string, isFallback: boolean, id: string | null, blockType: string, crisisLines: Array<{ __typename: 'CrisisLine', id: string | null, locale: string, isFallback: boolean, name: string, description: string, phone: string, phoneUri: string, phoneDisplay: string, sms: string, smsUri: string, smsDisplay: string, smsKeyword: string, hours: string, website: string, languages: Array<string> }> }
      | { __typename: 'DateBlock', id: string | null, blockType: string }
      | { __typename: 'DateTimeBlock', id: string | null, blockType: string }
      | { __typename: 'DecimalBlock', id: string | null, blockType: string }
      | { __typename: 'DiscussionPromptBlock', question: string, invitation: string, id: string | null, blockType: string }
      | { __typename: 'DocumentChooserBlock', id: string | null, blockType: string }
      | { __typename: 'EmailBlock', id: string | null, blockType: string }
      | { __typename: 'EmbedBlock', id: string | null, blockType: string }
      | { __typename: 'FigureBlock', altText: string, decorative: boolean, caption: string, id: string | null, blockType: string, image: { __typename: 'ImageObjectType', id: string, title: string, description: string, url: string, width: number, height: number } }
      | { __typename: 'FloatBlock', id: string | null, blockType: string }
      | { __typename: 'HeadingBlock', text: string, level: HeadingLevel, id: string | null, blockType: string }
      | { __typename: 'ImageBlock', id: string | null, blockType: string }
      | { __typename: 'ImageChooserBlock', id: string | null, blockType: string }
      | { __typename: 'IntegerBlock', id: string | null, blockType: string }
      | { __typename: 'ListBlock', id: string | null, blockType: string }
      | { __typename: 'OrganisationDirectoryBlock', heading: string, intro: string, id: string | null, blockType: string, organisations: Array<{ __typename: 'Organisation', id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, email: string, website: string, contactNote: string, address: string, city: string, region: string, country: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ __typename: 'Service', id: string | null, name: string, slug: string } | null> }> }
      | { __typename: 'PageChooserBlock', id: string | null, blockType: string }
      | { __typename: 'ParagraphBlock', value: string, id: string | null, blockType: string }
      | { __typename: 'ProgrammeListBlock', heading: string, intro: string, id: string | null, blockType: string, programmes: Array<{ __typename: 'Programme', name: string, abbreviation: string, description: string }> }
      | { __typename: 'QuizBlock', title: string, intro: string, id: string | null, blockType: string, questions: Array<{ __typename: 'QuizQuestion', id: string, prompt: string, kind: QuestionKind, choices: Array<{ __typename: 'QuizChoice', id: string, text: string }> }> }
      | { __typename: 'RawHTMLBlock', id: string | null, blockType: string }
      | { __typename: 'RegexBlock', id: string | null, blockType: string }
      | { __typename: 'RichTextBlock', id: string | null, blockType: string }
      | { __typename: 'SignOffBlock', closing: string, signature: string, id: string | null, blockType: string }
      | { __typename: 'SnippetChooserBlock', id: string | null, blockType: string }
      | { __typename: 'StaticBlock', id: string | null, blockType: string }
      | { __typename: 'StreamBlock', id: string | null, blockType: string }
      | { __typename: 'StreamFieldBlock', id: string | null, blockType: string }
      | { __typename: 'StructBlock', id: string | null, blockType: string }
      | { __typename: 'TextBlock', id: string | null, blockType: string }
      | { __typename: 'TimeBlock', id: string | null, blockType: string }
      | { __typename: 'URLBlock', id: string | null, blockType: string }
     | null> | null } | null };

export type ArticleFeedQueryVariables = Exact<{
  locale?: string | null | undefined;
  tag?: string | null | undefined;
  after?: string | null | undefined;
  perPage?: number | null | undefined;
}>;


export type ArticleFeedQuery = { articles: { __typename: 'PaginatedArticles', items: Array<{ __typename: 'ArticlePage', id: string | null, title: string, slug: string, url: string | null, locale: string, searchDescription: string | null, publicationDate: string }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type ArticleListQueryVariables = Exact<{
  locale?: string | null | undefined;
  tag?: string | null | undefined;
  page?: number | null | undefined;
  perPage?: number | null | undefined;
}>;


export type ArticleListQuery = { articles: { __typename: 'PaginatedArticles', items: Array<{ __typename: 'ArticlePage', id: string | null, title: string, slug: string, url: string | null, locale: string, searchDescription: string | null, intro: string, publicationDate: string, commentCount: number, heroImage: { __typename: 'ImageObjectType', id: string, title: string, description: string, url: string, width: number, height: number } | null, author: { __typename: 'Author', id: string | null, name: string } | null, tags: Array<{ __typename: 'TagObjectType', id: string, name: string } | null> | null }>, pagination: { __typename: 'PaginationType', total: number, count: number, perPage: number, currentPage: number, prevPage: number | null, nextPage: number | null, totalPages: number } } };

export type AuthorsQueryVariables = Exact<{
  locale?: string | null | undefined;
}>;


export type AuthorsQuery = { authors: Array<{ __typename: 'Author', id: string | null, locale: string, isFallback: boolean, name: string, bio: string, image: { __typename: 'ImageObjectType', id: string, title: string, description: string, url: string, width: number, height: number } | null }> };

export type CommentFormQueryVariables = Exact<{
  slug: string;
  locale?: string | null | undefined;
}>;


export type CommentFormQuery = { article: { __typename: 'ArticlePage', id: string | null, commentsEnabled: boolean, commentFormToken: string } | null };

export type CrisisLinesQueryVariables = Exact<{
  locale?: string | null | undefined;
  region?: string | null | undefined;
}>;


export type CrisisLinesQuery = { crisisLines: Array<{ __typename: 'CrisisLine', id: string | null, locale: string, isFallback: boolean, name: string, description: string, phone: string, phoneUri: string, phoneDisplay: string, sms: string, smsUri: string, smsDisplay: string, smsKeyword: string, hours: string, website: string, region: string, country: string, coverage: CoverageEnum, languages: Array<string> }> };

export type DirectoryReportFormQueryVariables = Exact<{ [key: string]: never; }>;


export type DirectoryReportFormQuery = { directoryReportFormToken: string };

export type LocalDirectoryQueryVariables = Exact<{
  region: string;
  locale?: string | null | undefined;
  service?: string | null | undefined;
  after?: string | null | undefined;
  perPage?: number | null | undefined;
}>;


export type LocalDirectoryQuery = { organisations: { __typename: 'PaginatedOrganisations', items: Array<{ __typename: 'Organisation', id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, phoneExtension: string, phoneUri: string, email: string, website: string, contactNote: string, city: string, region: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ __typename: 'Service', id: string | null, name: string, slug: string } | null> }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type LocalDirectoryTrustedQueryVariables = Exact<{
  region: string;
  locale?: string | null | undefined;
  service?: string | null | undefined;
  after?: string | null | undefined;
  perPage?: number | null | undefined;
}>;


export type LocalDirectoryTrustedQuery = { organisations: { __typename: 'PaginatedOrganisations', items: Array<{ __typename: 'Organisation', id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, phoneExtension: string, phoneUri: string, email: string, website: string, contactNote: string, city: string, region: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, lastVerifiedAt: string | null, verificationMethod: VerificationMethodEnum | null, isStale: boolean, hasOpenReports: boolean, services: Array<{ __typename: 'Service', id: string | null, name: string, slug: string } | null> }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type LocalesQueryVariables = Exact<{ [key: string]: never; }>;


export type LocalesQuery = { locales: Array<{ __typename: 'LocaleInfo', code: string, name: string, isDefault: boolean }> };

export type OrganisationQueryVariables = Exact<{
  id: string | number;
  locale?: string | null | undefined;
}>;


export type OrganisationQuery = { organisation: { __typename: 'Organisation', id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, email: string, website: string, contactNote: string, address: string, city: string, region: string, country: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ __typename: 'Service', id: string | null, name: string, slug: string } | null> } | null };

export type OrganisationDirectoryQueryVariables = Exact<{
  locale?: string | null | undefined;
  service?: string | null | undefined;
  region?: string | null | undefined;
  coverage?: CoverageEnum | null | undefined;
  search?: string | null | undefined;
  page?: number | null | undefined;
  perPage?: number | null | undefined;
}>;


export type OrganisationDirectoryQuery = { organisations: { __typename: 'PaginatedOrganisations', items: Array<{ __typename: 'Organisation', id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, email: string, website: string, contactNote: string, address: string, city: string, region: string, country: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ __typename: 'Service', id: string | null, name: string, slug: string } | null> }>, pagination: { __typename: 'PaginationType', total: number, count: number, perPage: number, currentPage: number, prevPage: number | null, nextPage: number | null, totalPages: number } } };

export type OrganisationTrustQueryVariables = Exact<{
  id: string | number;
  locale?: string | null | undefined;
}>;


export type OrganisationTrustQuery = { organisation: { __typename: 'Organisation', id: string | null, lastVerifiedAt: string | null, verificationMethod: VerificationMethodEnum | null, isStale: boolean, hasOpenReports: boolean } | null };

export type PostCommentMutationVariables = Exact<{
  input: PostCommentInput;
}>;


export type PostCommentMutation = { postComment: { __typename: 'PostCommentPayload', status: CommentStatus | null, commenterKey: string | null, comment: { __typename: 'Comment', id: string, authorName: string, body: string, createdAt: string } | null, article: { __typename: 'ArticlePage', id: string | null, commentCount: number } | null, errors: Array<{ __typename: 'FieldError', field: string | null, message: string, code: ErrorCode }> } | null };

export type PreviewArticleQueryVariables = Exact<{
  token: string;
}>;


export type PreviewArticleQuery = { article: { __typename: 'ArticlePage', id: string | null, title: string, slug: string, url: string | null, locale: string, seoTitle: string, searchDescription: string | null, greeting: string, intro: string, publicationDate: string, firstPublishedAt: string | null, lastPublishedAt: string | null, commentsEnabled: boolean, reactionsEnabled: boolean, commentCount: number, commentFormToken: string, heroImage: { __typename: 'ImageObjectType', id: string, title: string, description: string, url: string, width: number, height: number } | null, author: { __typename: 'Author', id: string | null, locale: string, isFallback: boolean, name: string, bio: string, image: { __typename: 'ImageObjectType', id: string, title: string, description: string, url: string, width: number, height: number } | null } | null, tags: Array<{ __typename: 'TagObjectType', id: string, name: string } | null> | null, translations: Array<{ __typename: 'TranslationLink', locale: string, url: string, slug: string, title: string }>, translationStatus: { __typename: 'TranslationStatus', isTranslation: boolean, sourceLocale: string | null, upToDate: boolean, sourceUpdatedAt: string | null }, comments: { __typename: 'PaginatedComments', items: Array<{ __typename: 'Comment', id: string, authorName: string, body: string, createdAt: string, replies: Array<{ __typename: 'Comment', id: string, authorName: string, body: string, createdAt: string }> }>, pagination: { __typename: 'PaginationType', total: number, count: number, perPage: number, currentPage: number, prevPage: number | null, nextPage: number | null, totalPages: number } }, reactions: Array<{ __typename: 'ReactionCount', kind: ReactionKind, label: string, count: number }>, body: Array<
      | { __typename: 'BlockQuoteBlock', id: string | null, blockType: string }
      | { __typename: 'BooleanBlock', id: string | null, blockType: string }
      | { __typename: 'CalloutBlock', kind: CalloutKind, title: string, body: string, id: string | null, blockType: string }
      | { __typename: 'CharBlock', id: string | null, blockType: string }
      | { __typename: 'ChoiceBlock', id: string | null, blockType: string }
      | { __typename: 'CrisisLinesBlock', id: string | null, blockType: string }
      | { __typename: 'DateBlock', id: string | null, blockType: string }
      | { __typename: 'DateTimeBlock', id: string | null, blockType: string }
      | { __typename: 'DecimalBlock', id: string | null, blockType: string }
      | { __typename: 'DiscussionPromptBlock', question: string, invitation: string, id: string | null, blockType: string }
      | { __typename: 'DocumentChooserBlock', id: string | null, blockType: string }
      | { __typename: 'EmailBlock', id: string | null, blockType: string }
      | { __typename: 'EmbedBlock', id: string | null, blockType: string }
      | { __typename: 'FigureBlock', altText: string, decorative: boolean, caption: string, id: string | null, blockType: string, image: { __typename: 'ImageObjectType', id: string, title: string, description: string, url: string, width: number, height: number } }
      | { __typename: 'FloatBlock', id: string | null, blockType: string }
      | { __typename: 'HeadingBlock', text: string, level: HeadingLevel, id: string | null, blockType: string }
      | { __typename: 'ImageBlock', id: string | null, blockType: string }
      | { __typename: 'ImageChooserBlock', id: string | null, blockType: string }
      | { __typename: 'IntegerBlock', id: string | null, blockType: string }
      | { __typename: 'ListBlock', id: string | null, blockType: string }
      | { __typename: 'OrganisationDirectoryBlock', heading: string, intro: string, id: string | null, blockType: string, organisations: Array<{ __typename: 'Organisation', id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, email: string, website: string, contactNote: string, address: string, city: string, region: string, country: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ __typename: 'Service', id: string | null, name: string, slug: string } | null> }> }
      | { __typename: 'PageChooserBlock', id: string | null, blockType: string }
      | { __typename: 'ParagraphBlock', value: string, id: string | null, blockType: string }
      | { __typename: 'ProgrammeListBlock', heading: string, intro: string, id: string | null, blockType: string, programmes: Array<{ __typename: 'Programme', name: string, abbreviation: string, description: string }> }
      | { __typename: 'QuizBlock', title: string, intro: string, id: string | null, blockType: string, questions: Array<{ __typename: 'QuizQuestion', id: string, prompt: string, kind: QuestionKind, choices: Array<{ __typename: 'QuizChoice', id: string, text: string }> }> }
      | { __typename: 'RawHTMLBlock', id: string | null, blockType: string }
      | { __typename: 'RegexBlock', id: string | null, blockType: string }
      | { __typename: 'RichTextBlock', id: string | null, blockType: string }
      | { __typename: 'SignOffBlock', closing: string, signature: string, id: string | null, blockType: string }
      | { __typename: 'SnippetChooserBlock', id: string | null, blockType: string }
      | { __typename: 'StaticBlock', id: string | null, blockType: string }
      | { __typename: 'StreamBlock', id: string | null, blockType: string }
      | { __typename: 'StreamFieldBlock', id: string | null, blockType: string }
      | { __typename: 'StructBlock', id: string | null, blockType: string }
      | { __typename: 'TextBlock', id: string | null, blockType: string }
      | { __typename: 'TimeBlock', id: string | null, blockType: string }
      | { __typename: 'URLBlock', id: string | null, blockType: string }
     | null> | null } | null };

export type ReactMutationVariables = Exact<{
  articleId: string | number;
  kind: ReactionKind;
}>;


export type ReactMutation = { react: { __typename: 'ReactPayload', reactions: Array<{ __typename: 'ReactionCount', kind: ReactionKind, label: string, count: number }>, article: { __typename: 'ArticlePage', id: string | null, reactions: Array<{ __typename: 'ReactionCount', kind: ReactionKind, label: string, count: number }> } | null, errors: Array<{ __typename: 'FieldError', field: string | null, message: string, code: ErrorCode }> } | null };

export type ReportDirectoryProblemMutationVariables = Exact<{
  input: ReportDirectoryProblemInput;
}>;


export type ReportDirectoryProblemMutation = { reportDirectoryProblem: { __typename: 'ReportDirectoryProblemPayload', status: DirectoryReportStatus | null, organisation: { __typename: 'Organisation', id: string | null, hasOpenReports: boolean } | null, errors: Array<{ __typename: 'FieldError', field: string | null, message: string, code: ErrorCode }> } | null };

export type SearchQueryVariables = Exact<{
  query: string;
  locale?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type SearchQuery = { search: Array<
    | { __typename: 'ArticlePage', id: string | null, title: string, slug: string, url: string | null, locale: string, searchDescription: string | null, publicationDate: string }
    | { __typename: 'Author', id: string | null, locale: string, isFallback: boolean, name: string, bio: string }
    | { __typename: 'Organisation', id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, city: string, region: string, coverageNote: string }
    | { __typename: 'Service', id: string | null, locale: string, isFallback: boolean, name: string, slug: string, description: string }
  > };

export type ServicesQueryVariables = Exact<{
  locale?: string | null | undefined;
}>;


export type ServicesQuery = { services: Array<{ __typename: 'Service', id: string | null, locale: string, isFallback: boolean, name: string, slug: string, description: string }> };

export type SitemapQueryVariables = Exact<{
  locale?: string | null | undefined;
  after?: string | null | undefined;
  perPage?: number | null | undefined;
}>;


export type SitemapQuery = { sitemap: { __typename: 'PaginatedSitemap', items: Array<{ __typename: 'SitemapEntry', url: string, locale: string, lastPublishedAt: string | null, translations: Array<{ __typename: 'SitemapTranslation', locale: string, url: string }> }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type SubmitQuizMutationVariables = Exact<{
  input: SubmitQuizInput;
}>;


export type SubmitQuizMutation = { submitQuiz: { __typename: 'SubmitQuizPayload', score: number | null, maxScore: number | null, percent: number | null, message: string | null, questions: Array<{ __typename: 'QuestionResult', questionId: string, correct: boolean, correctChoiceIds: Array<string>, explanation: string }>, errors: Array<{ __typename: 'FieldError', field: string | null, message: string, code: ErrorCode }> } | null };
