// The reference reader: routes on the query string, so any static host can serve it.
//   ?                                  the article list, in the default language
//   ?locale=es                         the article list in Spanish
//   ?article=<slug>&locale=<code>      an article
//   ?directory=1&region=PA             help near a reader: their state's organisations, then
//                                      national ones (LocalDirectory)
//   ?content_type=<app.model>&token=…  an editor's preview (the admin's "Frontend" mode)

import { ApiError, apiUrl, offline, query } from "./api.js";
import { renderBody, renderOrganisation } from "./blocks.js";
import { renderComments, renderReactions } from "./community.js";
import { showCrisisLines } from "./crisis.js";
import { fill, formatDate, h, html, readerHref } from "./dom.js";
import { t } from "./text.js";

const SITE_NAME = "Mindful Recovery Hub";
const main = document.getElementById("main");
const languages = document.getElementById("languages");
const banner = document.getElementById("preview-banner");

async function route() {
  const params = new URLSearchParams(window.location.search);
  const locales = (await query("Locales")).locales;
  const defaultLocale = (locales.find((locale) => locale.isDefault) || locales[0]).code;

  if (params.has("token")) {
    return showPreview(params.get("content_type"), params.get("token"), locales);
  }
  const locale = params.get("locale") || defaultLocale;
  if (params.has("article")) return showArticle(params.get("article"), locale, locales);
  if (params.has("directory")) return showDirectory((params.get("region") || "").toUpperCase(), locale, locales);
  return showArticleList(locale, Number(params.get("page")) || 1, locales);
}

// ---- Pages -----------------------------------------------------------------------------------

async function showArticleList(locale, page, locales) {
  const { articles } = await query("ArticleList", { locale, page, perPage: 10 });
  setTitle("Articles");
  setLanguage(locale);
  renderLanguages(
    locales.map((language) => ({ ...language, href: readerHref({ locale: language.code }) })),
    locale,
  );
  const { pagination } = articles;
  fill(
    main,
    h("h1", {}, "Articles"),
    h("p", { class: "directory-link" }, h("a", { href: readerHref({ directory: 1, locale }) }, t(locale, "Find help near you"))),
    articles.items.length
      ? h(
          "ul",
          { class: "article-list" },
          articles.items.map((article) =>
            h(
              "li",
              {},
              h(
                "article",
                { class: "article-summary", lang: article.locale },
                h(
                  "h2",
                  {},
                  h("a", { href: readerHref({ article: article.slug, locale: article.locale }) }, article.title),
                ),
                h(
                  "p",
                  { class: "meta" },
                  article.author && `${article.author.name} · `,
                  h("time", { datetime: article.publicationDate }, formatDate(article.publicationDate, locale)),
                  ` · ${article.commentCount === 1 ? "1 comment" : `${article.commentCount} comments`}`,
                ),
                article.searchDescription
                  ? h("p", {}, article.searchDescription)
                  : html(article.intro, "div", { class: "rich-text summary" }),
              ),
            ),
          ),
        )
      : h("p", {}, "No articles yet."),
    (pagination.prevPage || pagination.nextPage) &&
      h(
        "nav",
        { class: "pagination", "aria-label": "Pages" },
        pagination.prevPage &&
          h("a", { href: readerHref({ locale, page: pagination.prevPage }), rel: "prev" }, "Newer articles"),
        pagination.nextPage &&
          h("a", { href: readerHref({ locale, page: pagination.nextPage }), rel: "next" }, "Older articles"),
      ),
  );
}

// US states and territories by postal code, for "help near you".
const STATES = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado",
  CT: "Connecticut", DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia",
  HI: "Hawaii", ID: "Idaho", IL: "Illinois", IN: "Indiana", IA: "Iowa", KS: "Kansas",
  KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland", MA: "Massachusetts",
  MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri", MT: "Montana",
  NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico",
  NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma",
  OR: "Oregon", PA: "Pennsylvania", PR: "Puerto Rico", RI: "Rhode Island",
  SC: "South Carolina", SD: "South Dakota", TN: "Tennessee", TX: "Texas", UT: "Utah",
  VT: "Vermont", VA: "Virginia", WA: "Washington", WV: "West Virginia", WI: "Wisconsin",
  WY: "Wyoming",
};

async function showDirectory(region, locale, locales) {
  setTitle(t(locale, "Find help near you"));
  setLanguage(locale);
  renderLanguages(
    locales.map((language) => ({ ...language, href: readerHref({ directory: 1, region, locale: language.code }) })),
    locale,
  );
  const picker = h(
    "select",
    { id: "region", name: "region" },
    h("option", { value: "" }, t(locale, "Choose your state")),
    Object.entries(STATES).map(([code, name]) =>
      h("option", code === region ? { value: code, selected: "" } : { value: code }, name),
    ),
  );
  picker.addEventListener("change", () => {
    window.location.href = readerHref({ directory: 1, region: picker.value, locale });
  });
  const form = h(
    "form",
    { class: "region-picker", role: "search" },
    h("label", { for: "region" }, t(locale, "Your state")),
    " ",
    picker,
  );
  if (!region) {
    return fill(main, h("h1", {}, t(locale, "Find help near you")), form, h("p", {}, t(locale, "Choose your state to see the organisations near you, then those that help everywhere.")));
  }
  const local = h("ul", { class: "organisation-list", "aria-label": t(locale, "In your state") });
  const national = h("ul", { class: "organisation-list", "aria-label": t(locale, "Everywhere in the country") });
  const more = h("button", { type: "button", class: "more" }, t(locale, "Show more"));
  let after = null;
  async function load() {
    more.disabled = true;
    const { organisations } = await query("LocalDirectoryTrusted", { region, locale, perPage: 20, ...(after ? { after } : {}) });
    for (const organisation of organisations.items) {
      const item = h("li", {}, renderOrganisation(organisation, { locale }));
      (organisation.region === region ? local : national).append(item);
    }
    after = organisations.pageInfo.endCursor;
    more.hidden = !organisations.pageInfo.hasNextPage;
    more.disabled = false;
  }
  more.addEventListener("click", load);
  fill(
    main,
    h("h1", {}, t(locale, "Find help near you")),
    form,
    h("h2", {}, t(locale, "In {state}", { state: STATES[region] || region })),
    local,
    h("h2", {}, t(locale, "Everywhere in the country")),
    national,
    more,
  );
  await load();
  if (!local.children.length) local.replaceWith(h("p", {}, t(locale, "No organisations to show here yet.")));
}

async function showArticle(slug, locale, locales) {
  const { article } = await query("ArticleBySlug", { slug, locale });
  if (!article) return showNotFound(locale);
  const loadPage = async (commentsPage) =>
    (await query("ArticleBySlug", { slug, locale, commentsPage })).article.comments;
  renderArticle(article, locales, { preview: false, loadPage });
}

async function showPreview(contentType, token, locales) {
  banner.hidden = false;
  fill(
    banner,
    h("strong", {}, "Preview"),
    " — this is a draft, not what readers see yet. Quizzes, reactions and comments work on the published article.",
  );
  if (contentType !== "pages.articlepage") {
    setTitle("Preview");
    fill(
      main,
      h("h1", {}, "Preview"),
      h("p", {}, "This reader previews articles only."),
    );
    return;
  }
  const { article } = await query("PreviewArticle", { token });
  if (!article) return showNotFound();
  renderArticle(article, locales, { preview: true, loadPage: null });
}

function showNotFound(locale) {
  setTitle("Article not found");
  renderLanguages([], locale);
  fill(
    main,
    h("h1", {}, "Article not found"),
    h("p", {}, "This article does not exist in this language, or it is not published."),
    h("p", {}, h("a", { href: readerHref({ locale }) }, "All articles")),
  );
}

function renderArticle(article, locales, { preview, loadPage }) {
  setTitle(article.seoTitle || article.title);
  setLanguage(article.locale);
  const versions = new Map([
    [article.locale, article.slug],
    ...article.translations.map((translation) => [translation.locale, translation.slug]),
  ]);
  // In the order of `locales` (the default first), each language the article exists in.
  renderLanguages(
    locales
      .filter((language) => versions.has(language.code))
      .map((language) => ({
        ...language,
        href: readerHref({ article: versions.get(language.code), locale: language.code }),
      })),
    preview ? null : article.locale,
  );

  const context = { article, preview, locale: article.locale };
  const status = article.translationStatus;
  fill(
    main,
    h(
      "article",
      { class: "article", lang: article.locale },
      h(
        "header",
        { class: "article-header" },
        h("h1", {}, article.title),
        h(
          "p",
          { class: "meta" },
          article.author && [
            t(article.locale, "By "),
            h("span", { class: "author" }, article.author.name),
            " · ",
          ],
          h("time", { datetime: article.publicationDate }, formatDate(article.publicationDate, article.locale)),
        ),
        article.tags.length > 0 &&
          h("ul", { class: "tags", "aria-label": t(article.locale, "Tags") }, article.tags.map((tag) => h("li", {}, tag.name))),
      ),
      status?.isTranslation &&
        !status.upToDate &&
        h(
          "p",
          { class: "notice" },
          t(
            article.locale,
            "The original article has changed since this translation was made; it may be out of date.",
          ),
        ),
      article.heroImage &&
        h("img", { class: "hero", src: apiUrl(article.heroImage.url), alt: "", width: article.heroImage.width, height: article.heroImage.height }),
      article.greeting && h("p", { class: "greeting" }, article.greeting),
      html(article.intro, "div", { class: "rich-text intro" }),
      renderBody(article.body, context),
      article.author?.bio && h("p", { class: "author-bio" }, article.author.bio),
    ),
    article.reactionsEnabled && renderReactions(article, { preview }),
    renderComments(article, { preview, loadPage }),
  );
}

// ---- Chrome ----------------------------------------------------------------------------------

function setTitle(title) {
  document.title = `${title} – ${SITE_NAME}`;
}

function setLanguage(locale) {
  // The chrome is in English; the content carries its own lang attribute.
  document.documentElement.dataset.contentLocale = locale || "";
}

/** The language switcher: each language in its own name, the current one marked. */
function renderLanguages(options, current) {
  languages.hidden = options.length < 2;
  fill(
    languages,
    h(
      "ul",
      {},
      options.map((option) =>
        h(
          "li",
          {},
          h(
            "a",
            {
              href: option.href,
              hreflang: option.code,
              lang: option.code,
              "aria-current": option.code === current ? "page" : null,
            },
            option.name,
          ),
        ),
      ),
    ),
  );
}

function showError(error) {
  setTitle("Something went wrong");
  fill(
    main,
    h("h1", {}, "Something went wrong"),
    h(
      "p",
      { role: "alert" },
      error instanceof ApiError
        ? error.message
        : "The reader could not reach the server. Check your connection and reload the page.",
    ),
    h("p", {}, h("a", { href: readerHref({}) }, "All articles")),
  );
  console.error(error);
}

// Offline, say how old what is shown is (the service worker served its copies).
function showOfflineNotice() {
  if (!offline.fetchedAt) return;
  const locale = document.documentElement.dataset.contentLocale || "en";
  const notice = document.getElementById("offline-banner");
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(
    new Date(offline.fetchedAt),
  );
  notice.textContent = t(locale, "You are offline. This was saved on {date}.", { date });
  notice.hidden = false;
}

// What a reader in a crisis needs (articles read, the directory) keeps working offline: sw.js.
function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  const worker = new URL("sw.js", document.baseURI);
  // Its scope is the page's folder (the reader's root), which may be above sw.js's own when
  // the reader is served with a <base> (Django serves it so, with Service-Worker-Allowed).
  const scope = new URL("./", window.location.href);
  navigator.serviceWorker.register(worker, { scope }).catch((error) => console.warn(error));
}

document.querySelector(".site-name").href = readerHref({});
main.setAttribute("aria-busy", "true");
registerServiceWorker();
route()
  .catch(showError)
  .then(footer)
  .then(showOfflineNotice)
  .finally(() => main.removeAttribute("aria-busy"));

// Every page's footer: the crisis lines in the page's language (and the reader's state, on the
// directory page). Offline, the service worker's copy is shown like the rest of the page.
function footer() {
  const params = new URLSearchParams(window.location.search);
  const locale = document.documentElement.dataset.contentLocale || params.get("locale") || "en";
  const region = params.has("directory") ? (params.get("region") || "").toUpperCase() : "";
  return showCrisisLines(locale, region).catch((error) => console.warn(error));
}
