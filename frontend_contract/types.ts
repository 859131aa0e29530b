/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * The `Date` scalar type represents a Date
   * value as specified by
   * [iso8601](https://en.wikipedia.org/wiki/ISO_8601).
   */
  Date: { input: string; output: string; }
  /**
   * The `DateTime` scalar type represents a DateTime
   * value as specified by
   * [iso8601](https://en.wikipedia.org/wiki/ISO_8601).
   */
  DateTime: { input: string; output: string; }
  /**
   * Allows use of a JSON String for input / output from the GraphQL schema.
   *
   * Use of this type is *not recommended* as you lose the benefits of having a defined, static
   * schema (one of the key benefits of GraphQL).
   */
  JSONString: { input: string; output: string; }
  /** GraphQL type for an integer that must be equal or greater than zero. */
  PositiveInt: { input: number; output: number; }
  RichText: { input: string; output: string; }
  /**
   * Leverages the internal Python implementation of UUID (uuid.UUID) to provide native UUID objects
   * in fields, resolvers and input.
   */
  UUID: { input: string; output: string; }
};

export type ArticleIndexPage = PageInterface & {
  __typename?: 'ArticleIndexPage';
  contentType: Scalars['String']['output'];
  depth?: Maybe<Scalars['Int']['output']>;
  firstPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  intro: Scalars['RichText']['output'];
  lastPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  live: Scalars['Boolean']['output'];
  pageType?: Maybe<Scalars['String']['output']>;
  searchDescription?: Maybe<Scalars['String']['output']>;
  searchScore?: Maybe<Scalars['Float']['output']>;
  seoTitle: Scalars['String']['output'];
  showInMenus: Scalars['Boolean']['output'];
  slug: Scalars['String']['output'];
  title: Scalars['String']['output'];
  url?: Maybe<Scalars['String']['output']>;
  urlPath: Scalars['String']['output'];
};

export type ArticlePage = PageInterface & ReaderParticipation & {
  __typename?: 'ArticlePage';
  /** In the article's language, or a fallback (see `isFallback`). */
  author?: Maybe<Author>;
  body?: Maybe<Array<Maybe<StreamFieldInterface>>>;
  /** Approved comments and replies. */
  commentCount: Scalars['Int']['output'];
  /** Send back as `formToken` in postComment. Valid from a few seconds to a day after the article was loaded, for this article and one comment. */
  commentFormToken: Scalars['String']['output'];
  /** Approved top-level comments, oldest first, each with its approved replies. */
  comments: PaginatedComments;
  commentsEnabled: Scalars['Boolean']['output'];
  contentType: Scalars['String']['output'];
  depth?: Maybe<Scalars['Int']['output']>;
  firstPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  greeting: Scalars['String']['output'];
  heroImage?: Maybe<ImageObjectType>;
  id?: Maybe<Scalars['ID']['output']>;
  intro: Scalars['RichText']['output'];
  lastPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  live: Scalars['Boolean']['output'];
  /** e.g. “es”. */
  locale: Scalars['String']['output'];
  pageType?: Maybe<Scalars['String']['output']>;
  publicationDate: Scalars['Date']['output'];
  /** Every reaction kind with its count (zero included). */
  reactions: Array<ReactionCount>;
  reactionsEnabled: Scalars['Boolean']['output'];
  searchDescription?: Maybe<Scalars['String']['output']>;
  searchScore?: Maybe<Scalars['Float']['output']>;
  seoTitle: Scalars['String']['output'];
  showInMenus: Scalars['Boolean']['output'];
  slug: Scalars['String']['output'];
  tags?: Maybe<Array<Maybe<TagObjectType>>>;
  title: Scalars['String']['output'];
  translationStatus: TranslationStatus;
  /** The live versions of this article in other languages (for hreflang links and language switchers). */
  translations: Array<TranslationLink>;
  url?: Maybe<Scalars['String']['output']>;
  urlPath: Scalars['String']['output'];
};


export type ArticlePageCommentsArgs = {
  page?: InputMaybe<Scalars['Int']['input']>;
  perPage?: InputMaybe<Scalars['Int']['input']>;
};

export type ArticlePageTag = {
  __typename?: 'ArticlePageTag';
  id?: Maybe<Scalars['ID']['output']>;
};

export type Author = SnippetInterface & {
  __typename?: 'Author';
  bio: Scalars['String']['output'];
  contentType: Scalars['String']['output'];
  id?: Maybe<Scalars['ID']['output']>;
  image?: Maybe<ImageObjectType>;
  /** True when no translation exists in the requested language and this version (see `locale`) is served instead. */
  isFallback: Scalars['Boolean']['output'];
  /** Language code of this version, e.g. “es”. */
  locale: Scalars['String']['output'];
  name: Scalars['String']['output'];
  snippetType: Scalars['String']['output'];
};

export type BlockQuoteBlock = StreamFieldInterface & {
  __typename?: 'BlockQuoteBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type BooleanBlock = StreamFieldInterface & {
  __typename?: 'BooleanBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['Boolean']['output'];
};

export type CalloutBlock = StreamFieldInterface & {
  __typename?: 'CalloutBlock';
  blockType: Scalars['String']['output'];
  body: Scalars['RichText']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  kind: CalloutKind;
  /** The block's value as JSON. */
  rawValue: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

/** How urgent a callout is: EMERGENCY is for crisis lines and overdose instructions. */
export type CalloutKind =
  | 'EMERGENCY'
  | 'INFO'
  | 'WARNING';

export type CharBlock = StreamFieldInterface & {
  __typename?: 'CharBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ChoiceBlock = StreamFieldInterface & {
  __typename?: 'ChoiceBlock';
  blockType: Scalars['String']['output'];
  choices: Array<ChoiceOption>;
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ChoiceOption = {
  __typename?: 'ChoiceOption';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** Collection type */
export type CollectionObjectType = {
  __typename?: 'CollectionObjectType';
  ancestors: Array<Maybe<CollectionObjectType>>;
  depth: Scalars['Int']['output'];
  descendants: Array<Maybe<CollectionObjectType>>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  numchild: Scalars['Int']['output'];
  path: Scalars['String']['output'];
};

/** A published reader comment. Authors' email addresses are never published. */
export type Comment = {
  __typename?: 'Comment';
  authorName: Scalars['String']['output'];
  /** Plain text: no markup is ever stored. */
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Approved replies, oldest first (replies have no replies). */
  replies: Array<Comment>;
};

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

export type DateBlock = StreamFieldInterface & {
  __typename?: 'DateBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};


export type DateBlockValueArgs = {
  format?: InputMaybe<Scalars['String']['input']>;
};

export type DateTimeBlock = StreamFieldInterface & {
  __typename?: 'DateTimeBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};


export type DateTimeBlockValueArgs = {
  format?: InputMaybe<Scalars['String']['input']>;
};

export type DecimalBlock = StreamFieldInterface & {
  __typename?: 'DecimalBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['Float']['output'];
};

export type DiscussionPromptBlock = StreamFieldInterface & {
  __typename?: 'DiscussionPromptBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  invitation: Scalars['String']['output'];
  question: Scalars['String']['output'];
  /** The block's value as JSON. */
  rawValue: Scalars['String']['output'];
};

export type DocumentChooserBlock = StreamFieldInterface & {
  __typename?: 'DocumentChooserBlock';
  blockType: Scalars['String']['output'];
  document?: Maybe<DocumentObjectType>;
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
};

/**
 * Base document type used if one isn't generated for the current model.
 * All other node types extend this.
 */
export type DocumentObjectType = {
  __typename?: 'DocumentObjectType';
  collection: CollectionObjectType;
  createdAt: Scalars['DateTime']['output'];
  file: Scalars['String']['output'];
  fileHash: Scalars['String']['output'];
  fileSize?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  tags: Array<TagObjectType>;
  title: Scalars['String']['output'];
  url: Scalars['String']['output'];
};

export type EmailBlock = StreamFieldInterface & {
  __typename?: 'EmailBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type EmbedBlock = StreamFieldInterface & {
  __typename?: 'EmbedBlock';
  blockType: Scalars['String']['output'];
  embed?: Maybe<Scalars['String']['output']>;
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawEmbed?: Maybe<Scalars['JSONString']['output']>;
  rawValue: Scalars['String']['output'];
  url: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** Why an input was refused. Mutations return these as data in `errors`, never as GraphQL errors. */
export type ErrorCode =
  /** The article does not take comments */
  | 'COMMENTS_CLOSED'
  /** The same comment was already posted on this article */
  | 'DUPLICATE'
  /** The form is too old: load the article again */
  | 'EXPIRED'
  /** The form token already posted a comment: load the form again */
  | 'FORM_ALREADY_USED'
  /** The value is not acceptable */
  | 'INVALID'
  /** The article or comment does not exist or is not public */
  | 'NOT_FOUND'
  /** Too many attempts from this client: wait and try again */
  | 'RATE_LIMITED'
  /** The article does not take reactions */
  | 'REACTIONS_CLOSED'
  /** A required value is missing or empty */
  | 'REQUIRED'
  /** The value is longer than allowed */
  | 'TOO_LONG';

/** A problem with the input, for the reader (``message``) and the program (``code``). */
export type FieldError = {
  __typename?: 'FieldError';
  code: ErrorCode;
  /** The input field at fault (camelCase, e.g. `authorEmail`), or null when the problem is with the request as a whole. */
  field?: Maybe<Scalars['String']['output']>;
  /** Plain text to show the reader. */
  message: Scalars['String']['output'];
};

export type FigureBlock = StreamFieldInterface & {
  __typename?: 'FigureBlock';
  altText: Scalars['String']['output'];
  blockType: Scalars['String']['output'];
  caption: Scalars['String']['output'];
  decorative: Scalars['Boolean']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  image: ImageObjectType;
  /** The block's value as JSON. */
  rawValue: Scalars['String']['output'];
};

export type FloatBlock = StreamFieldInterface & {
  __typename?: 'FloatBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['Float']['output'];
};

export type HeadingBlock = StreamFieldInterface & {
  __typename?: 'HeadingBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  level: HeadingLevel;
  /** The block's value as JSON. */
  rawValue: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

/** Outline level of a heading block. */
export type HeadingLevel =
  | 'H2'
  | 'H3'
  | 'H4';

export type HomePage = PageInterface & {
  __typename?: 'HomePage';
  contentType: Scalars['String']['output'];
  depth?: Maybe<Scalars['Int']['output']>;
  firstPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  intro: Scalars['RichText']['output'];
  lastPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  live: Scalars['Boolean']['output'];
  pageType?: Maybe<Scalars['String']['output']>;
  searchDescription?: Maybe<Scalars['String']['output']>;
  searchScore?: Maybe<Scalars['Float']['output']>;
  seoTitle: Scalars['String']['output'];
  showInMenus: Scalars['Boolean']['output'];
  slug: Scalars['String']['output'];
  title: Scalars['String']['output'];
  url?: Maybe<Scalars['String']['output']>;
  urlPath: Scalars['String']['output'];
};

export type ImageBlock = StreamFieldInterface & {
  __typename?: 'ImageBlock';
  altText?: Maybe<Scalars['String']['output']>;
  blockType: Scalars['String']['output'];
  decorative?: Maybe<Scalars['Boolean']['output']>;
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  image?: Maybe<ImageObjectType>;
  rawValue: Scalars['String']['output'];
};

export type ImageChooserBlock = StreamFieldInterface & {
  __typename?: 'ImageChooserBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  image?: Maybe<ImageObjectType>;
  rawValue: Scalars['String']['output'];
};

export type ImageObjectType = {
  __typename?: 'ImageObjectType';
  aspectRatio: Scalars['Float']['output'];
  collection: CollectionObjectType;
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  file: Scalars['String']['output'];
  fileHash: Scalars['String']['output'];
  fileSize?: Maybe<Scalars['Int']['output']>;
  focalPointHeight?: Maybe<Scalars['Int']['output']>;
  focalPointWidth?: Maybe<Scalars['Int']['output']>;
  focalPointX?: Maybe<Scalars['Int']['output']>;
  focalPointY?: Maybe<Scalars['Int']['output']>;
  height: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  isSvg: Scalars['Boolean']['output'];
  rendition?: Maybe<ImageRenditionObjectType>;
  renditions: Array<ImageRenditionObjectType>;
  sizes: Scalars['String']['output'];
  /** @deprecated Use the `url` attribute */
  src: Scalars['String']['output'];
  srcSet?: Maybe<Scalars['String']['output']>;
  tags: Array<TagObjectType>;
  title: Scalars['String']['output'];
  url: Scalars['String']['output'];
  width: Scalars['Int']['output'];
};


export type ImageObjectTypeRenditionArgs = {
  bgcolor?: InputMaybe<Scalars['String']['input']>;
  fill?: InputMaybe<Scalars['String']['input']>;
  format?: InputMaybe<Scalars['String']['input']>;
  height?: InputMaybe<Scalars['Int']['input']>;
  jpegquality?: InputMaybe<Scalars['Int']['input']>;
  max?: InputMaybe<Scalars['String']['input']>;
  min?: InputMaybe<Scalars['String']['input']>;
  preserveSvg?: InputMaybe<Scalars['Boolean']['input']>;
  webpquality?: InputMaybe<Scalars['Int']['input']>;
  width?: InputMaybe<Scalars['Int']['input']>;
};


export type ImageObjectTypeSrcSetArgs = {
  format?: InputMaybe<Scalars['String']['input']>;
  preserveSvg?: InputMaybe<Scalars['Boolean']['input']>;
  sizes?: InputMaybe<Array<InputMaybe<Scalars['Int']['input']>>>;
};

export type ImageRenditionObjectType = {
  __typename?: 'ImageRenditionObjectType';
  alt: Scalars['String']['output'];
  backgroundPositionStyle: Scalars['String']['output'];
  file: Scalars['String']['output'];
  filterSpec: Scalars['String']['output'];
  focalPoint?: Maybe<Scalars['String']['output']>;
  focalPointKey: Scalars['String']['output'];
  height: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  image: ImageObjectType;
  url: Scalars['String']['output'];
  width: Scalars['Int']['output'];
};

export type IntegerBlock = StreamFieldInterface & {
  __typename?: 'IntegerBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['Int']['output'];
};

export type ListBlock = StreamFieldInterface & {
  __typename?: 'ListBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  items: Array<StreamFieldInterface>;
  rawValue: Scalars['String']['output'];
};

/** A content language. */
export type LocaleInfo = {
  __typename?: 'LocaleInfo';
  /** e.g. “es”; pass it as `locale`. */
  code: Scalars['String']['output'];
  isDefault: Scalars['Boolean']['output'];
  /** The language's name, e.g. “Español”. */
  name: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Post a comment or a reply. It waits for moderation (status PENDING) unless it carries a
   * `commenterKey` of which a moderator approved a comment (and it has at most two links).
   * The answer does not depend on the email address. Each `formToken` posts one comment
   * (FORM_ALREADY_USED: load the form again). Limited per client address: one every 15
   * seconds, five an hour (RATE_LIMITED); the same text twice on an article within an hour is
   * DUPLICATE.
   */
  postComment?: Maybe<PostCommentPayload>;
  /**
   * Add one reaction to an article. Anonymous: only counts are kept. Limited per client
   * address (30 an hour by default: RATE_LIMITED).
   */
  react?: Maybe<ReactPayload>;
  /**
   * Score a reader's answers on the server against the published quiz, and count them in the
   * quiz's anonymous tallies. Nothing is counted when there are errors. Limited per client
   * address (30 an hour by default: RATE_LIMITED).
   */
  submitQuiz?: Maybe<SubmitQuizPayload>;
};


export type MutationPostCommentArgs = {
  input: PostCommentInput;
};


export type MutationReactArgs = {
  articleId: Scalars['ID']['input'];
  kind: ReactionKind;
};


export type MutationSubmitQuizArgs = {
  input: SubmitQuizInput;
};

export type Organisation = SnippetInterface & {
  __typename?: 'Organisation';
  acronym: Scalars['String']['output'];
  address: Scalars['String']['output'];
  city: Scalars['String']['output'];
  contactNote: Scalars['String']['output'];
  contentType: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 code. */
  country: Scalars['String']['output'];
  coverage: CoverageEnum;
  coverageNote: Scalars['String']['output'];
  description: Scalars['String']['output'];
  email: Scalars['String']['output'];
  id?: Maybe<Scalars['ID']['output']>;
  /** True when no translation exists in the requested language and this version (see `locale`) is served instead. */
  isFallback: Scalars['Boolean']['output'];
  lastVerified: Scalars['Date']['output'];
  /** Language code of this version, e.g. “es”. */
  locale: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** E.164, e.g. +12122136376; may be ''. */
  phone: Scalars['String']['output'];
  /** For display, e.g. (212) 213-6376. */
  phoneDisplay: Scalars['String']['output'];
  /** Postal subdivision code, e.g. PA. */
  region: Scalars['String']['output'];
  services: Array<Maybe<Service>>;
  snippetType: Scalars['String']['output'];
  website: Scalars['String']['output'];
};


export type OrganisationServicesArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  limit?: InputMaybe<Scalars['PositiveInt']['input']>;
  offset?: InputMaybe<Scalars['PositiveInt']['input']>;
  order?: InputMaybe<Scalars['String']['input']>;
  searchOperator?: InputMaybe<SearchOperatorEnum>;
  searchQuery?: InputMaybe<Scalars['String']['input']>;
};

export type OrganisationDirectoryBlock = StreamFieldInterface & {
  __typename?: 'OrganisationDirectoryBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  heading: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  intro: Scalars['String']['output'];
  /** Live organisations in the article's language: the chosen ones in order, then those matching the filter, by name. */
  organisations: Array<Organisation>;
  /** The block's value as JSON. */
  rawValue: Scalars['String']['output'];
};

/**
 * Base Page type used if one isn't generated for the current model.
 * All other node types extend this.
 */
export type Page = PageInterface & {
  __typename?: 'Page';
  contentType: Scalars['String']['output'];
  depth?: Maybe<Scalars['Int']['output']>;
  firstPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  lastPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  live: Scalars['Boolean']['output'];
  pageType?: Maybe<Scalars['String']['output']>;
  searchDescription?: Maybe<Scalars['String']['output']>;
  searchScore?: Maybe<Scalars['Float']['output']>;
  seoTitle: Scalars['String']['output'];
  showInMenus: Scalars['Boolean']['output'];
  slug: Scalars['String']['output'];
  title: Scalars['String']['output'];
  url?: Maybe<Scalars['String']['output']>;
  urlPath: Scalars['String']['output'];
};

export type PageChooserBlock = StreamFieldInterface & {
  __typename?: 'PageChooserBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  page?: Maybe<PageInterface>;
  rawValue: Scalars['String']['output'];
};

export type PageInterface = {
  contentType: Scalars['String']['output'];
  depth?: Maybe<Scalars['Int']['output']>;
  firstPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  lastPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  live: Scalars['Boolean']['output'];
  pageType?: Maybe<Scalars['String']['output']>;
  searchDescription?: Maybe<Scalars['String']['output']>;
  searchScore?: Maybe<Scalars['Float']['output']>;
  seoTitle: Scalars['String']['output'];
  showInMenus: Scalars['Boolean']['output'];
  slug: Scalars['String']['output'];
  title: Scalars['String']['output'];
  url?: Maybe<Scalars['String']['output']>;
  urlPath: Scalars['String']['output'];
};

/** One page of articles, newest first. */
export type PaginatedArticles = {
  __typename?: 'PaginatedArticles';
  items: Array<ArticlePage>;
  pagination: PaginationType;
};

/** One page of an article's approved comments, oldest first. */
export type PaginatedComments = {
  __typename?: 'PaginatedComments';
  items: Array<Comment>;
  pagination: PaginationType;
};

/** One page of the organisation directory, by name. */
export type PaginatedOrganisations = {
  __typename?: 'PaginatedOrganisations';
  items: Array<Organisation>;
  pagination: PaginationType;
};

/** GraphQL type for Paginated QuerySet pagination field. */
export type PaginationType = {
  __typename?: 'PaginationType';
  count: Scalars['PositiveInt']['output'];
  currentPage: Scalars['PositiveInt']['output'];
  nextPage?: Maybe<Scalars['PositiveInt']['output']>;
  perPage: Scalars['PositiveInt']['output'];
  prevPage?: Maybe<Scalars['PositiveInt']['output']>;
  total: Scalars['PositiveInt']['output'];
  totalPages: Scalars['PositiveInt']['output'];
};

export type ParagraphBlock = StreamFieldInterface & {
  __typename?: 'ParagraphBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type PostCommentInput = {
  articleId: Scalars['ID']['input'];
  /** Required, at most 254 characters; never published. */
  authorEmail: Scalars['String']['input'];
  /** 1–100 characters; published. */
  authorName: Scalars['String']['input'];
  /** 1–5,000 characters of plain text; any HTML is removed. */
  body: Scalars['String']['input'];
  /** The `commenterKey` a previous postComment returned to this reader, if any. It is what makes a returning commenter trusted (the email is not): once a moderator approves one of their comments, later comments carrying the key are published at once. Send null when you have none. */
  commenterKey?: InputMaybe<Scalars['String']['input']>;
  /** The article's `commentFormToken`, as loaded with the form. */
  formToken: Scalars['String']['input'];
  /** To reply: the id of an approved top-level comment on the same article. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Anti-spam trap: render a field named “website” that people cannot see or reach (off-screen, `tabindex=-1`, `autocomplete=off`) and send its value, which must be empty. */
  website?: InputMaybe<Scalars['String']['input']>;
};

export type PostCommentPayload = {
  __typename?: 'PostCommentPayload';
  /** The comment as stored; null on errors. */
  comment?: Maybe<Comment>;
  /** A new secret key for this reader, returned when the input carried no `commenterKey` or one this server does not know; null otherwise and on errors. Keep it on the reader's device only (e.g. local storage), never in a URL, log or analytics, and send it back as `commenterKey` with the reader's later comments. */
  commenterKey?: Maybe<Scalars['String']['output']>;
  errors: Array<FieldError>;
  /** Null on errors. */
  status?: Maybe<CommentStatus>;
};

/** A harm-reduction programme listed in an article. */
export type Programme = {
  __typename?: 'Programme';
  abbreviation: Scalars['String']['output'];
  description: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type ProgrammeListBlock = StreamFieldInterface & {
  __typename?: 'ProgrammeListBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  heading: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  intro: Scalars['String']['output'];
  programmes: Array<Programme>;
  /** The block's value as JSON. */
  rawValue: Scalars['String']['output'];
};

/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type Query = {
  __typename?: 'Query';
  /** The live article with this slug in this locale, or null; or, with `token`, the draft being previewed. */
  article?: Maybe<ArticlePage>;
  /** Live articles, newest first. */
  articles: PaginatedArticles;
  /** Every author, by name. */
  authors: Array<Author>;
  /** The content languages, the default first. */
  locales: Array<LocaleInfo>;
  /** One live organisation in the requested language (or its fallback), or null. */
  organisation?: Maybe<Organisation>;
  /** The organisation directory: live organisations by name. */
  organisations: PaginatedOrganisations;
  /** The live page served at `path` on the site the request is for, or null: what a frontend routes an arbitrary URL with. Prefer `article` when the page is known to be an article. */
  route?: Maybe<PageInterface>;
  /** Live articles in the requested language, then organisations, services and authors (in the requested language or a fallback) matching every word of `query`. Replaces grapple's search, which mixed languages and unpublished content. */
  search: Array<SearchResult>;
  /** Every service, by name. */
  services: Array<Service>;
};


/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type QueryArticleArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
  token?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type QueryArticlesArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
  page?: InputMaybe<Scalars['Int']['input']>;
  perPage?: InputMaybe<Scalars['Int']['input']>;
  tag?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type QueryAuthorsArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type QueryOrganisationArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
  token?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type QueryOrganisationsArgs = {
  coverage?: InputMaybe<CoverageEnum>;
  locale?: InputMaybe<Scalars['String']['input']>;
  page?: InputMaybe<Scalars['Int']['input']>;
  perPage?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  service?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type QueryRouteArgs = {
  path: Scalars['String']['input'];
};


/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type QuerySearchArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
  query: Scalars['String']['input'];
};


/**
 * Everything a frontend reads: articles, the organisation directory, search, the content
 * languages, and any page by its URL.
 */
export type QueryServicesArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
};

/** How a quiz question is answered: one choice (TRUE_FALSE, SINGLE_CHOICE) or several. */
export type QuestionKind =
  | 'MULTIPLE_CHOICE'
  | 'SINGLE_CHOICE'
  | 'TRUE_FALSE';

export type QuestionResult = {
  __typename?: 'QuestionResult';
  /** TRUE_FALSE and SINGLE_CHOICE: the one chosen choice is the correct one. MULTIPLE_CHOICE: the chosen choices are exactly the correct ones. Unanswered: false. */
  correct: Scalars['Boolean']['output'];
  correctChoiceIds: Array<Scalars['ID']['output']>;
  explanation: Scalars['String']['output'];
  questionId: Scalars['ID']['output'];
};

export type QuizAnswer = {
  /** The chosen choice ids (one for TRUE_FALSE and SINGLE_CHOICE questions); empty when the question was skipped. */
  choiceIds: Array<Scalars['ID']['input']>;
  /** A question id from the quiz block. */
  questionId: Scalars['ID']['input'];
};

export type QuizBlock = StreamFieldInterface & {
  __typename?: 'QuizBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  intro: Scalars['String']['output'];
  questions: Array<QuizQuestion>;
  /** The block's value as JSON. */
  rawValue: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

/** A choice a reader can pick. Whether it is correct is only revealed by submitQuiz. */
export type QuizChoice = {
  __typename?: 'QuizChoice';
  /** Stable id, sent back in submitQuiz. */
  id: Scalars['ID']['output'];
  text: Scalars['String']['output'];
};

/** A quiz question without its answer key or explanation. */
export type QuizQuestion = {
  __typename?: 'QuizQuestion';
  choices: Array<QuizChoice>;
  /** Stable id, sent back in submitQuiz. */
  id: Scalars['ID']['output'];
  kind: QuestionKind;
  prompt: Scalars['String']['output'];
};

export type RawHtmlBlock = StreamFieldInterface & {
  __typename?: 'RawHTMLBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ReactPayload = {
  __typename?: 'ReactPayload';
  errors: Array<FieldError>;
  /** The article's counts after this reaction (empty if the article is unknown). */
  reactions: Array<ReactionCount>;
};

export type ReactionCount = {
  __typename?: 'ReactionCount';
  count: Scalars['Int']['output'];
  kind: ReactionKind;
  /** Suggested text, e.g. “This helped me”. */
  label: Scalars['String']['output'];
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

/** Comments and reactions on an article. */
export type ReaderParticipation = {
  /** Approved comments and replies. */
  commentCount: Scalars['Int']['output'];
  /** Send back as `formToken` in postComment. Valid from a few seconds to a day after the article was loaded, for this article and one comment. */
  commentFormToken: Scalars['String']['output'];
  /** Approved top-level comments, oldest first, each with its approved replies. */
  comments: PaginatedComments;
  /** Every reaction kind with its count (zero included). */
  reactions: Array<ReactionCount>;
};


/** Comments and reactions on an article. */
export type ReaderParticipationCommentsArgs = {
  page?: InputMaybe<Scalars['Int']['input']>;
  perPage?: InputMaybe<Scalars['Int']['input']>;
};

export type RegexBlock = StreamFieldInterface & {
  __typename?: 'RegexBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type RichTextBlock = StreamFieldInterface & {
  __typename?: 'RichTextBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** Enum for search operator. */
export type SearchOperatorEnum =
  | 'AND'
  | 'OR';

/** Something found by `search`. */
export type SearchResult = ArticlePage | Author | Organisation | Service;

export type Service = SnippetInterface & {
  __typename?: 'Service';
  contentType: Scalars['String']['output'];
  description: Scalars['String']['output'];
  id?: Maybe<Scalars['ID']['output']>;
  /** True when no translation exists in the requested language and this version (see `locale`) is served instead. */
  isFallback: Scalars['Boolean']['output'];
  /** Language code of this version, e.g. “es”. */
  locale: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** The same in every language. */
  slug: Scalars['String']['output'];
  snippetType: Scalars['String']['output'];
};

export type SignOffBlock = StreamFieldInterface & {
  __typename?: 'SignOffBlock';
  blockType: Scalars['String']['output'];
  closing: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  /** The block's value as JSON. */
  rawValue: Scalars['String']['output'];
  signature: Scalars['String']['output'];
};

export type SiteObjectType = {
  __typename?: 'SiteObjectType';
  hostname: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** If true, this site will handle requests for all other hostnames that do not have a site entry of their own */
  isDefaultSite: Scalars['Boolean']['output'];
  page?: Maybe<PageInterface>;
  pages: Array<PageInterface>;
  /** Set this to something other than 80 if you need a specific port number to appear in URLs (e.g. development on port 8000). Does not affect request handling (so port forwarding still works). */
  port: Scalars['Int']['output'];
  rootPage: Page;
  /** Human-readable name for the site. */
  siteName: Scalars['String']['output'];
};


export type SiteObjectTypePageArgs = {
  contentType?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
  token?: InputMaybe<Scalars['String']['input']>;
  urlPath?: InputMaybe<Scalars['String']['input']>;
};


export type SiteObjectTypePagesArgs = {
  contentType?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  inMenu?: InputMaybe<Scalars['Boolean']['input']>;
  limit?: InputMaybe<Scalars['PositiveInt']['input']>;
  offset?: InputMaybe<Scalars['PositiveInt']['input']>;
  order?: InputMaybe<Scalars['String']['input']>;
  searchOperator?: InputMaybe<SearchOperatorEnum>;
  searchQuery?: InputMaybe<Scalars['String']['input']>;
};

export type SnippetChooserBlock = StreamFieldInterface & {
  __typename?: 'SnippetChooserBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  snippet?: Maybe<SnippetInterface>;
};

export type SnippetInterface = {
  contentType: Scalars['String']['output'];
  snippetType: Scalars['String']['output'];
};

export type StaticBlock = StreamFieldInterface & {
  __typename?: 'StaticBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type StreamBlock = StreamFieldInterface & {
  __typename?: 'StreamBlock';
  blockType: Scalars['String']['output'];
  blocks: Array<StreamFieldInterface>;
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
};

export type StreamFieldBlock = StreamFieldInterface & {
  __typename?: 'StreamFieldBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type StreamFieldInterface = {
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
};

export type StructBlock = StreamFieldInterface & {
  __typename?: 'StructBlock';
  blockType: Scalars['String']['output'];
  blocks: Array<StreamFieldInterface>;
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
};

export type SubmitQuizInput = {
  answers: Array<QuizAnswer>;
  articleId: Scalars['ID']['input'];
  /** The quiz block's `id`. */
  quizId: Scalars['ID']['input'];
};

export type SubmitQuizPayload = {
  __typename?: 'SubmitQuizPayload';
  errors: Array<FieldError>;
  /** Questions in the quiz; null on errors. */
  maxScore?: Maybe<Scalars['Int']['output']>;
  /** The quiz's message for this percentage. */
  message?: Maybe<Scalars['String']['output']>;
  /** score × 100 ÷ maxScore, rounded down; null on errors. */
  percent?: Maybe<Scalars['Int']['output']>;
  /** Every question of the quiz, answered or not, in the quiz's order. */
  questions: Array<QuestionResult>;
  /** Questions answered correctly; null on errors. */
  score?: Maybe<Scalars['Int']['output']>;
};

export type TagObjectType = {
  __typename?: 'TagObjectType';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type TextBlock = StreamFieldInterface & {
  __typename?: 'TextBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type TimeBlock = StreamFieldInterface & {
  __typename?: 'TimeBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};


export type TimeBlockValueArgs = {
  format?: InputMaybe<Scalars['String']['input']>;
};

/** Another language version of a page. */
export type TranslationLink = {
  __typename?: 'TranslationLink';
  /** Language code, e.g. “es”. */
  locale: Scalars['String']['output'];
  slug: Scalars['String']['output'];
  title: Scalars['String']['output'];
  /** Its path, with the language prefix. */
  url: Scalars['String']['output'];
};

/** Whether this page is a translation, and whether it has caught up with its source. */
export type TranslationStatus = {
  __typename?: 'TranslationStatus';
  isTranslation: Scalars['Boolean']['output'];
  /** The source's language; null for a source. */
  sourceLocale?: Maybe<Scalars['String']['output']>;
  /** When the source was last published; null for a source. */
  sourceUpdatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** False when the source was published after the translation was last synced from it. Always true for a source. */
  upToDate: Scalars['Boolean']['output'];
};

export type UrlBlock = StreamFieldInterface & {
  __typename?: 'URLBlock';
  blockType: Scalars['String']['output'];
  field: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  rawValue: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

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

/** Why an input was refused. Mutations return these as data in `errors`, never as GraphQL errors. */
export type ErrorCode =
  /** The article does not take comments */
  | 'COMMENTS_CLOSED'
  /** The same comment was already posted on this article */
  | 'DUPLICATE'
  /** The form is too old: load the article again */
  | 'EXPIRED'
  /** The form token already posted a comment: load the form again */
  | 'FORM_ALREADY_USED'
  /** The value is not acceptable */
  | 'INVALID'
  /** The article or comment does not exist or is not public */
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

export type SubmitQuizInput = {
  answers: Array<QuizAnswer>;
  articleId: string | number;
  /** The quiz block's `id`. */
  quizId: string | number;
};

export type ArticleBySlugQueryVariables = Exact<{
  slug: string;
  locale?: string | null | undefined;
  commentsPage?: number | null | undefined;
  commentsPerPage?: number | null | undefined;
}>;


export type ArticleBySlugQuery = { article: { id: string | null, title: string, slug: string, url: string | null, locale: string, seoTitle: string, searchDescription: string | null, greeting: string, intro: string, publicationDate: string, firstPublishedAt: string | null, lastPublishedAt: string | null, commentsEnabled: boolean, reactionsEnabled: boolean, commentCount: number, heroImage: { id: string, title: string, description: string, url: string, width: number, height: number } | null, author: { id: string | null, locale: string, isFallback: boolean, name: string, bio: string, image: { id: string, title: string, description: string, url: string, width: number, height: number } | null } | null, tags: Array<{ id: string, name: string } | null> | null, translations: Array<{ locale: string, url: string, slug: string, title: string }>, translationStatus: { isTranslation: boolean, sourceLocale: string | null, upToDate: boolean, sourceUpdatedAt: string | null }, comments: { items: Array<{ id: string, authorName: string, body: string, createdAt: string, replies: Array<{ id: string, authorName: string, body: string, createdAt: string }> }>, pagination: { total: number, count: number, perPage: number, currentPage: number, prevPage: number | null, nextPage: number | null, totalPages: number } }, reactions: Array<{ kind: ReactionKind, label: string, count: number }>, body: Array<
      | { __typename: 'BlockQuoteBlock', id: string | null, blockType: string }
      | { __typename: 'BooleanBlock', id: string | null, blockType: string }
      | { __typename: 'CalloutBlock', kind: CalloutKind, title: string, body: string, id: string | null, blockType: string }
      | { __typename: 'CharBlock', id: string | null, blockType: string }
      | { __typename: 'ChoiceBlock', id: string | null, blockType: string }
      | { __typename: 'DateBlock', id: string | null, blockType: string }
      | { __typename: 'DateTimeBlock', id: string | null, blockType: string }
      | { __typename: 'DecimalBlock', id: string | null, blockType: string }
      | { __typename: 'DiscussionPromptBlock', question: string, invitation: string, id: string | null, blockType: string }
      | { __typename: 'DocumentChooserBlock', id: string | null, blockType: string }
      | { __typename: 'EmailBlock', id: string | null, blockType: string }
      | { __typename: 'EmbedBlock', id: string | null, blockType: string }
      | { __typename: 'FigureBlock', altText: string, decorative: boolean, caption: string, id: string | null, blockType: string, image: { id: string, title: string, description: string, url: string, width: number, height: number } }
      | { __typename: 'FloatBlock', id: string | null, blockType: string }
      | { __typename: 'HeadingBlock', text: string, level: HeadingLevel, id: string | null, blockType: string }
      | { __typename: 'ImageBlock', id: string | null, blockType: string }
      | { __typename: 'ImageChooserBlock', id: string | null, blockType: string }
      | { __typename: 'IntegerBlock', id: string | null, blockType: string }
      | { __typename: 'ListBlock', id: string | null, blockType: string }
      | { __typename: 'OrganisationDirectoryBlock', heading: string, intro: string, id: string | null, blockType: string, organisations: Array<{ id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, email: string, website: string, contactNote: string, address: string, city: string, region: string, country: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ id: string | null, name: string, slug: string } | null> }> }
      | { __typename: 'PageChooserBlock', id: string | null, blockType: string }
      | { __typename: 'ParagraphBlock', value: string, id: string | null, blockType: string }
      | { __typename: 'ProgrammeListBlock', heading: string, intro: string, id: string | null, blockType: string, programmes: Array<{ name: string, abbreviation: string, description: string }> }
      | { __typename: 'QuizBlock', title: string, intro: string, id: string | null, blockType: string, questions: Array<{ id: string, prompt: string, kind: QuestionKind, choices: Array<{ id: string, text: string }> }> }
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

export type ArticleListQueryVariables = Exact<{
  locale?: string | null | undefined;
  tag?: string | null | undefined;
  page?: number | null | undefined;
  perPage?: number | null | undefined;
}>;


export type ArticleListQuery = { articles: { items: Array<{ id: string | null, title: string, slug: string, url: string | null, locale: string, searchDescription: string | null, intro: string, publicationDate: string, commentCount: number, heroImage: { id: string, title: string, description: string, url: string, width: number, height: number } | null, author: { id: string | null, name: string } | null, tags: Array<{ id: string, name: string } | null> | null }>, pagination: { total: number, count: number, perPage: number, currentPage: number, prevPage: number | null, nextPage: number | null, totalPages: number } } };

export type AuthorsQueryVariables = Exact<{
  locale?: string | null | undefined;
}>;


export type AuthorsQuery = { authors: Array<{ id: string | null, locale: string, isFallback: boolean, name: string, bio: string, image: { id: string, title: string, description: string, url: string, width: number, height: number } | null }> };

export type CommentFormQueryVariables = Exact<{
  slug: string;
  locale?: string | null | undefined;
}>;


export type CommentFormQuery = { article: { id: string | null, commentsEnabled: boolean, commentFormToken: string } | null };

export type LocalesQueryVariables = Exact<{ [key: string]: never; }>;


export type LocalesQuery = { locales: Array<{ code: string, name: string, isDefault: boolean }> };

export type OrganisationQueryVariables = Exact<{
  id: string | number;
  locale?: string | null | undefined;
}>;


export type OrganisationQuery = { organisation: { id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, email: string, website: string, contactNote: string, address: string, city: string, region: string, country: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ id: string | null, name: string, slug: string } | null> } | null };

export type OrganisationDirectoryQueryVariables = Exact<{
  locale?: string | null | undefined;
  service?: string | null | undefined;
  region?: string | null | undefined;
  coverage?: CoverageEnum | null | undefined;
  search?: string | null | undefined;
  page?: number | null | undefined;
  perPage?: number | null | undefined;
}>;


export type OrganisationDirectoryQuery = { organisations: { items: Array<{ id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, email: string, website: string, contactNote: string, address: string, city: string, region: string, country: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ id: string | null, name: string, slug: string } | null> }>, pagination: { total: number, count: number, perPage: number, currentPage: number, prevPage: number | null, nextPage: number | null, totalPages: number } } };

export type PostCommentMutationVariables = Exact<{
  input: PostCommentInput;
}>;


export type PostCommentMutation = { postComment: { status: CommentStatus | null, commenterKey: string | null, comment: { id: string, authorName: string, body: string, createdAt: string } | null, errors: Array<{ field: string | null, message: string, code: ErrorCode }> } | null };

export type PreviewArticleQueryVariables = Exact<{
  token: string;
}>;


export type PreviewArticleQuery = { article: { __typename: 'ArticlePage', id: string | null, title: string, slug: string, url: string | null, locale: string, seoTitle: string, searchDescription: string | null, greeting: string, intro: string, publicationDate: string, firstPublishedAt: string | null, lastPublishedAt: string | null, commentsEnabled: boolean, reactionsEnabled: boolean, commentCount: number, commentFormToken: string, heroImage: { id: string, title: string, description: string, url: string, width: number, height: number } | null, author: { id: string | null, locale: string, isFallback: boolean, name: string, bio: string, image: { id: string, title: string, description: string, url: string, width: number, height: number } | null } | null, tags: Array<{ id: string, name: string } | null> | null, translations: Array<{ locale: string, url: string, slug: string, title: string }>, translationStatus: { isTranslation: boolean, sourceLocale: string | null, upToDate: boolean, sourceUpdatedAt: string | null }, comments: { items: Array<{ id: string, authorName: string, body: string, createdAt: string, replies: Array<{ id: string, authorName: string, body: string, createdAt: string }> }>, pagination: { total: number, count: number, perPage: number, currentPage: number, prevPage: number | null, nextPage: number | null, totalPages: number } }, reactions: Array<{ kind: ReactionKind, label: string, count: number }>, body: Array<
      | { __typename: 'BlockQuoteBlock', id: string | null, blockType: string }
      | { __typename: 'BooleanBlock', id: string | null, blockType: string }
      | { __typename: 'CalloutBlock', kind: CalloutKind, title: string, body: string, id: string | null, blockType: string }
      | { __typename: 'CharBlock', id: string | null, blockType: string }
      | { __typename: 'ChoiceBlock', id: string | null, blockType: string }
      | { __typename: 'DateBlock', id: string | null, blockType: string }
      | { __typename: 'DateTimeBlock', id: string | null, blockType: string }
      | { __typename: 'DecimalBlock', id: string | null, blockType: string }
      | { __typename: 'DiscussionPromptBlock', question: string, invitation: string, id: string | null, blockType: string }
      | { __typename: 'DocumentChooserBlock', id: string | null, blockType: string }
      | { __typename: 'EmailBlock', id: string | null, blockType: string }
      | { __typename: 'EmbedBlock', id: string | null, blockType: string }
      | { __typename: 'FigureBlock', altText: string, decorative: boolean, caption: string, id: string | null, blockType: string, image: { id: string, title: string, description: string, url: string, width: number, height: number } }
      | { __typename: 'FloatBlock', id: string | null, blockType: string }
      | { __typename: 'HeadingBlock', text: string, level: HeadingLevel, id: string | null, blockType: string }
      | { __typename: 'ImageBlock', id: string | null, blockType: string }
      | { __typename: 'ImageChooserBlock', id: string | null, blockType: string }
      | { __typename: 'IntegerBlock', id: string | null, blockType: string }
      | { __typename: 'ListBlock', id: string | null, blockType: string }
      | { __typename: 'OrganisationDirectoryBlock', heading: string, intro: string, id: string | null, blockType: string, organisations: Array<{ id: string | null, locale: string, isFallback: boolean, name: string, acronym: string, description: string, phone: string, phoneDisplay: string, email: string, website: string, contactNote: string, address: string, city: string, region: string, country: string, coverage: CoverageEnum, coverageNote: string, lastVerified: string, services: Array<{ id: string | null, name: string, slug: string } | null> }> }
      | { __typename: 'PageChooserBlock', id: string | null, blockType: string }
      | { __typename: 'ParagraphBlock', value: string, id: string | null, blockType: string }
      | { __typename: 'ProgrammeListBlock', heading: string, intro: string, id: string | null, blockType: string, programmes: Array<{ name: string, abbreviation: string, description: string }> }
      | { __typename: 'QuizBlock', title: string, intro: string, id: string | null, blockType: string, questions: Array<{ id: string, prompt: string, kind: QuestionKind, choices: Array<{ id: string, text: string }> }> }
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


export type ReactMutation = { react: { reactions: Array<{ kind: ReactionKind, label: string, count: number }>, errors: Array<{ field: string | null, message: string, code: ErrorCode }> } | null };

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


export type ServicesQuery = { services: Array<{ id: string | null, locale: string, isFallback: boolean, name: string, slug: string, description: string }> };

export type SubmitQuizMutationVariables = Exact<{
  input: SubmitQuizInput;
}>;


export type SubmitQuizMutation = { submitQuiz: { score: number | null, maxScore: number | null, percent: number | null, message: string | null, questions: Array<{ questionId: string, correct: boolean, correctChoiceIds: Array<string>, explanation: string }>, errors: Array<{ field: string | null, message: string, code: ErrorCode }> } | null };
