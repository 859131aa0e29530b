// Uses every operation's result and variables types the way a frontend does, under the strict
// settings of tsconfig.json (noUncheckedIndexedAccess, exactOptionalPropertyTypes). Never
// run: `tsc -p typecheck` only compiles it (tests/contract/test_types_compile.py, which also
// checks that every operation in operations/ is used here).
import type {
  ArticleBySlugQuery,
  ArticleBySlugQueryVariables,
  ArticleFeedQuery,
  ArticleFeedQueryVariables,
  ArticleListQuery,
  ArticleListQueryVariables,
  AuthorsQuery,
  AuthorsQueryVariables,
  CommentFormQuery,
  CommentFormQueryVariables,
  CrisisLinesQuery,
  CrisisLinesQueryVariables,
  DirectoryProblemKind,
  DirectoryReportFormQuery,
  DirectoryReportFormQueryVariables,
  ErrorCode,
  LocalDirectoryQuery,
  LocalDirectoryQueryVariables,
  LocalDirectoryTrustedQuery,
  LocalDirectoryTrustedQueryVariables,
  LocalesQuery,
  LocalesQueryVariables,
  OrganisationDirectoryQuery,
  OrganisationDirectoryQueryVariables,
  OrganisationQuery,
  OrganisationQueryVariables,
  OrganisationTrustQuery,
  OrganisationTrustQueryVariables,
  PostCommentMutation,
  PostCommentMutationVariables,
  PreviewArticleQuery,
  PreviewArticleQueryVariables,
  ReactionKind,
  ReactMutation,
  ReactMutationVariables,
  ReportDirectoryProblemMutation,
  ReportDirectoryProblemMutationVariables,
  SearchQuery,
  SearchQueryVariables,
  ServicesQuery,
  ServicesQueryVariables,
  SitemapQuery,
  SitemapQueryVariables,
  SubmitQuizMutation,
  SubmitQuizMutationVariables,
} from "../types";

type Operation<Result, Variables> = (variables: Variables) => Promise<Result>;

/** What a renderer of article bodies does: one branch per block a frontend draws. */
type Block = NonNullable<NonNullable<NonNullable<ArticleBySlugQuery["article"]>["body"]>[number]>;

function blockText(block: Block): string {
  switch (block.__typename) {
    case "HeadingBlock":
      return `h${block.level === "H2" ? 2 : 3}: ${block.text}`;
    case "ParagraphBlock":
      return block.value;
    case "CalloutBlock":
      // A safety-critical callout may be the source's version (another language).
      return `${block.kind}: ${block.title}${block.isFallback ? ` [${block.locale}]` : ""}`;
    case "CrisisLinesBlock":
      return block.crisisLines
        .map((line) => `${line.name}: ${line.phoneDisplay || line.smsDisplay} (${line.locale})`)
        .join("\n");
    case "QuizBlock":
      return block.questions.map((q) => `${q.prompt} (${q.choices.length})`).join("\n");
    case "ProgrammeListBlock":
      return block.programmes.map((p) => p.name).join(", ");
    case "OrganisationDirectoryBlock":
      return block.organisations.map((o) => `${o.name} ${o.phoneDisplay}`).join("\n");
    case "DiscussionPromptBlock":
      return block.question;
    case "FigureBlock":
      return block.image.url;
    default:
      return block.blockType;
  }
}

export async function article(fetch: Operation<ArticleBySlugQuery, ArticleBySlugQueryVariables>) {
  const variables: ArticleBySlugQueryVariables = { slug: "naloxone", locale: "es" };
  const { article } = await fetch(variables);
  if (article === null) return null;
  const firstComment = article.comments.items[0];
  const helpful = article.reactions.find((r) => r.kind === "HELPFUL")?.count ?? 0;
  return {
    title: article.title,
    hero: article.heroImage?.url,
    author: article.author?.name,
    tags: (article.tags ?? []).flatMap((tag) => (tag ? [tag.name] : [])),
    spanish: article.translations.find((t) => t.locale === "es")?.url,
    upToDate: article.translationStatus.upToDate,
    firstReply: firstComment?.replies[0]?.body,
    pages: article.comments.pagination.totalPages,
    helpful,
    text: (article.body ?? []).flatMap((block) => (block ? [blockText(block)] : [])),
  };
}

export async function articles(fetch: Operation<ArticleListQuery, ArticleListQueryVariables>) {
  const variables: ArticleListQueryVariables = { perPage: 10, page: 2 };
  const { articles } = await fetch(variables);
  const first = articles.items[0];
  return { first: first?.title, next: articles.pagination.nextPage, count: articles.items.length };
}

/** Every article, page after page, as a build server or an infinite scroll reads them. */
export async function everyArticle(fetch: Operation<ArticleFeedQuery, ArticleFeedQueryVariables>) {
  const slugs: string[] = [];
  let after: string | null = null;
  for (;;) {
    const variables: ArticleFeedQueryVariables = after ? { perPage: 100, after } : { perPage: 100 };
    const { articles } = await fetch(variables);
    slugs.push(...articles.items.map((item) => item.slug));
    if (!articles.pageInfo.hasNextPage || !articles.pageInfo.endCursor) return slugs;
    after = articles.pageInfo.endCursor;
  }
}

/** One language's <url> elements of sitemap.xml, with hreflang alternates, page after page. */
export async function sitemap(
  fetch: Operation<SitemapQuery, SitemapQueryVariables>,
  origin: string,
  locale: string,
) {
  const urls: string[] = [];
  let after: string | null = null;
  for (;;) {
    const variables: SitemapQueryVariables = after ? { locale, perPage: 100, after } : { locale, perPage: 100 };
    const { sitemap } = await fetch(variables);
    for (const item of sitemap.items) {
      const alternates = [{ locale: item.locale, url: item.url }, ...item.translations].map(
        (t) => `<xhtml:link rel="alternate" hreflang="${t.locale}" href="${origin}${t.url}"/>`,
      );
      const lastmod = item.lastPublishedAt ? `<lastmod>${item.lastPublishedAt}</lastmod>` : "";
      urls.push(`<url><loc>${origin}${item.url}</loc>${lastmod}${alternates.join("")}</url>`);
    }
    if (!sitemap.pageInfo.hasNextPage || !sitemap.pageInfo.endCursor) return urls;
    after = sitemap.pageInfo.endCursor;
  }
}

export async function authors(fetch: Operation<AuthorsQuery, AuthorsQueryVariables>) {
  const { authors } = await fetch({ locale: "es" });
  return authors.map((a) => (a.isFallback ? `${a.name} (${a.locale})` : a.name));
}

export async function commentForm(fetch: Operation<CommentFormQuery, CommentFormQueryVariables>) {
  const variables: CommentFormQueryVariables = { slug: "naloxone" };
  const { article } = await fetch(variables);
  return article?.commentsEnabled ? article.commentFormToken : null;
}

export async function directoryReportForm(
  fetch: Operation<DirectoryReportFormQuery, DirectoryReportFormQueryVariables>,
) {
  const { directoryReportFormToken } = await fetch({});
  return directoryReportFormToken;
}

/** "Report a problem" beside a directory entry; the entry then shows "being checked". */
export async function reportDirectoryProblem(
  fetch: Operation<ReportDirectoryProblemMutation, ReportDirectoryProblemMutationVariables>,
) {
  const kind: DirectoryProblemKind = "WRONG_PHONE";
  const variables: ReportDirectoryProblemMutationVariables = {
    input: { organisationId: "1", kind, note: "The number is disconnected.", formToken: "token", website: "" },
  };
  const { reportDirectoryProblem } = await fetch(variables);
  if (reportDirectoryProblem === null) return null;
  return {
    received: reportDirectoryProblem.status === "RECEIVED",
    beingChecked: reportDirectoryProblem.organisation?.hasOpenReports ?? false,
    errors: describe(reportDirectoryProblem.errors),
  };
}

/** The reader's state, with a stale notice or "being checked" beside each entry. */
export async function localDirectoryTrusted(
  fetch: Operation<LocalDirectoryTrustedQuery, LocalDirectoryTrustedQueryVariables>,
) {
  const { organisations } = await fetch({ region: "PA", perPage: 20 });
  return organisations.items.map((o) => ({
    name: o.name,
    checked: o.lastVerifiedAt ?? null,
    stale: o.isStale,
    beingChecked: o.hasOpenReports,
  }));
}

/** "Checked on 12 March by phone", or a notice to check the details first. */
export async function organisationTrust(
  fetch: Operation<OrganisationTrustQuery, OrganisationTrustQueryVariables>,
) {
  const { organisation } = await fetch({ id: "1", locale: "en" });
  if (organisation === null) return null;
  const checked: string | null = organisation.lastVerifiedAt ?? null;
  return {
    checked: checked && organisation.verificationMethod ? `${checked} (${organisation.verificationMethod})` : null,
    notice: organisation.isStale ? "Check these details before you rely on them." : null,
    beingChecked: organisation.hasOpenReports,
  };
}

/** The reader picked a state: its organisations, then national ones, with their phone. */
export async function localDirectory(
  fetch: Operation<LocalDirectoryQuery, LocalDirectoryQueryVariables>,
) {
  const { organisations } = await fetch({ region: "PA", perPage: 20 });
  return organisations.items.map((o) =>
    o.coverage === "NATIONAL" && o.region !== "PA" ? `${o.name} (national)` : o.name,
  );
}

export async function locales(fetch: Operation<LocalesQuery, LocalesQueryVariables>) {
  const { locales } = await fetch({});
  return locales.find((l) => l.isDefault)?.code ?? "en";
}

export async function organisation(
  fetch: Operation<OrganisationQuery, OrganisationQueryVariables>,
) {
  const { organisation } = await fetch({ id: "1", locale: "es" });
  return organisation && {
    name: organisation.name,
    call: `tel:${organisation.phone}`,
    services: organisation.services.flatMap((s) => (s ? [s.name] : [])),
    coverage: organisation.coverage,
  };
}

export async function directory(
  fetch: Operation<OrganisationDirectoryQuery, OrganisationDirectoryQueryVariables>,
) {
  const variables: OrganisationDirectoryQueryVariables = { region: "PA", coverage: "REGIONAL" };
  const { organisations } = await fetch(variables);
  return organisations.items.map((o) => `${o.name}: ${o.phoneDisplay}`);
}

function describe(errors: ReadonlyArray<{ field: string | null; message: string; code: ErrorCode }>) {
  return errors.map((e) => `${e.field ?? "form"} ${e.code}: ${e.message}`);
}

export async function postComment(
  fetch: Operation<PostCommentMutation, PostCommentMutationVariables>,
) {
  const variables: PostCommentMutationVariables = {
    input: {
      articleId: "3",
      authorName: "Sam",
      authorEmail: "sam@example.org",
      body: "Thank you.",
      formToken: "token",
      website: "",
    },
  };
  const { postComment } = await fetch(variables);
  if (postComment === null) return null;
  return { status: postComment.status, id: postComment.comment?.id, errors: describe(postComment.errors) };
}

export async function preview(
  fetch: Operation<PreviewArticleQuery, PreviewArticleQueryVariables>,
) {
  const { article } = await fetch({ token: "preview-token" });
  return article?.__typename === "ArticlePage" ? article.title : null;
}

export async function react(fetch: Operation<ReactMutation, ReactMutationVariables>) {
  const kind: ReactionKind = "SUPPORT";
  const { react } = await fetch({ articleId: 3, kind });
  return react?.reactions.map((r) => `${r.label}: ${r.count}`) ?? [];
}

export async function search(fetch: Operation<SearchQuery, SearchQueryVariables>) {
  const { search } = await fetch({ query: "naloxone", limit: 5 });
  return search.map((hit) => {
    switch (hit.__typename) {
      case "ArticlePage":
        return `${hit.title} ${hit.url ?? ""}`;
      case "Organisation":
        return `${hit.name} ${hit.city}`;
      case "Author":
      case "Service":
        return hit.name;
    }
  });
}

export async function crisisLines(
  fetch: Operation<CrisisLinesQuery, CrisisLinesQueryVariables>,
) {
  const { crisisLines } = await fetch({ locale: "es", region: "PA" });
  return crisisLines.map((line) => ({
    call: line.phoneUri || null,
    text: line.smsUri || null,
    label: line.isFallback ? `${line.name} (${line.locale})` : line.name,
    languages: line.languages.join(", "),
    national: line.coverage === "NATIONAL",
  }));
}

export async function services(fetch: Operation<ServicesQuery, ServicesQueryVariables>) {
  const { services } = await fetch({ locale: "pt-BR" });
  return services.map((s) => s.slug);
}

export async function submitQuiz(
  fetch: Operation<SubmitQuizMutation, SubmitQuizMutationVariables>,
) {
  const variables: SubmitQuizMutationVariables = {
    input: { articleId: "3", quizId: "quiz", answers: [{ questionId: "q1", choiceIds: ["c1"] }] },
  };
  const { submitQuiz } = await fetch(variables);
  if (submitQuiz === null) return null;
  const wrong = submitQuiz.questions.filter((q) => !q.correct).map((q) => q.explanation);
  return { score: `${submitQuiz.score ?? 0}/${submitQuiz.maxScore ?? 0}`, wrong, errors: describe(submitQuiz.errors) };
}
