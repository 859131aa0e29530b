// The article body: one renderer per block type of the contract (README "Article body").
// Interactive blocks (the quiz) live in quiz.js.

import { apiUrl } from "./api.js";
import { formatDate, h, html, uid } from "./dom.js";
import { fallbackNote, renderCrisisLine } from "./crisis.js";
import { renderQuiz } from "./quiz.js";
import { t } from "./text.js";
import { renderTrust } from "./trust.js";

const HEADING_TAGS = { H2: "h2", H3: "h3", H4: "h4" };

/** Render `article.body`; `context` carries the article and whether it is a preview. */
export function renderBody(blocks, context) {
  const rendered = [];
  let previousHeading = null;
  for (const block of blocks) {
    const renderer = RENDERERS[block.blockType];
    // A frontend meets block types newer than itself: skip them rather than break the page.
    if (!renderer) continue;
    rendered.push(renderer(block, { ...context, previousHeading }));
    previousHeading = block.blockType === "HeadingBlock" ? block.text : null;
  }
  return rendered;
}

const RENDERERS = {
  HeadingBlock: (block) => h(HEADING_TAGS[block.level] || "h2", {}, block.text),

  ParagraphBlock: (block) => html(block.value, "div", { class: "rich-text" }),

  FigureBlock: (block) =>
    h(
      "figure",
      { class: "figure" },
      block.image &&
        h("img", {
          src: apiUrl(block.image.url),
          alt: block.decorative ? "" : block.altText,
          width: block.image.width,
          height: block.image.height,
          loading: "lazy",
        }),
      block.caption && h("figcaption", {}, block.caption),
    ),

  QuizBlock: (block, context) => renderQuiz(block, context),

  DiscussionPromptBlock: (block, { locale }) =>
    h(
      "aside",
      { class: "discussion", "aria-label": t(locale, "Interactive question") },
      h("p", {}, h("strong", {}, t(locale, "Interactive question: ")), block.question),
      block.invitation && h("p", {}, h("a", { href: "#comments" }, block.invitation)),
    ),

  ProgrammeListBlock: (block) => {
    const headingId = block.heading ? uid("programmes") : null;
    return h(
      "section",
      { class: "programmes", "aria-labelledby": headingId },
      block.heading && h("h2", { id: headingId }, block.heading),
      block.intro && h("p", {}, block.intro),
      h(
        "dl",
        {},
        block.programmes.map((programme) => [
          h(
            "dt",
            {},
            programme.name,
            programme.abbreviation && [" (", h("abbr", {}, programme.abbreviation), ")"],
          ),
          h("dd", {}, programme.description),
        ]),
      ),
    );
  },

  OrganisationDirectoryBlock: (block, context) => {
    // The seed puts a heading block with the same words just before the directory: say it once.
    const repeated = block.heading && block.heading === context.previousHeading;
    const headingId = uid("directory");
    return h(
      "section",
      {
        class: "directory",
        "aria-labelledby": block.heading && !repeated ? headingId : null,
        "aria-label": !block.heading || repeated ? block.heading || t(context.locale, "Directory") : null,
      },
      block.heading && !repeated && h("h2", { id: headingId }, block.heading),
      block.intro && h("p", {}, block.intro),
      block.organisations.length
        ? h(
            "ul",
            { class: "directory-list" },
            block.organisations.map((organisation) =>
              h("li", {}, renderOrganisation(organisation, context)),
            ),
          )
        : h("p", {}, t(context.locale, "No organisations to show here yet.")),
    );
  },

  CalloutBlock: (block, { locale }) => {
    const kind = (block.kind || "INFO").toLowerCase();
    const label = t(locale, { info: "Note", warning: "Warning", emergency: "Emergency" }[kind] || "Note");
    // A safety-critical callout whose translation is behind comes in its source's language.
    const lang = block.isFallback ? block.locale : null;
    return h(
      "aside",
      { class: `callout callout-${kind}`, "aria-label": block.title || label },
      h("p", { class: "callout-title" }, h("strong", {}, `${label}: `), h("span", { lang }, block.title)),
      block.isFallback && fallbackNote(block, locale),
      html(block.body, "div", { class: "rich-text", lang }),
    );
  },

  CrisisLinesBlock: (block, { locale }) => {
    const headingId = uid("crisis-lines");
    const lang = block.isFallback ? block.locale : null;
    return h(
      "section",
      {
        class: "crisis-lines crisis-lines-block",
        "aria-labelledby": block.heading ? headingId : null,
        "aria-label": block.heading ? null : t(locale, "Help right now"),
      },
      block.heading && h("h2", { id: headingId, lang }, block.heading),
      block.isFallback && fallbackNote(block, locale),
      block.intro && h("p", { lang }, block.intro),
      h(
        "ul",
        { class: "crisis-list" },
        block.crisisLines.map((line) => h("li", {}, renderCrisisLine(line, locale))),
      ),
    );
  },

  SignOffBlock: (block) =>
    h(
      "p",
      { class: "sign-off" },
      block.closing,
      h("br"),
      h("span", { class: "signature" }, block.signature),
    ),
};

const COVERAGE = { NATIONAL: "National", REGIONAL: "Regional", LOCAL: "Local" };

export function renderOrganisation(organisation, context) {
  const locale = context.locale;
  const headingId = uid("organisation");
  const place = [organisation.address, organisation.city, organisation.region]
    .filter(Boolean)
    .join(", ");
  const contact = [];
  if (organisation.phone) {
    contact.push(
      [t(locale, "Phone"), h("a", { href: `tel:${organisation.phone}` }, organisation.phoneDisplay || organisation.phone)],
    );
  }
  if (organisation.email) {
    contact.push([t(locale, "Email"), h("a", { href: `mailto:${organisation.email}` }, organisation.email)]);
  }
  if (organisation.contactNote || (!organisation.phone && !organisation.email && organisation.website)) {
    contact.push([
      t(locale, "Contact"),
      [
        organisation.contactNote,
        organisation.website && [
          organisation.contactNote ? " " : "",
          h("a", { href: organisation.website, rel: "noopener" }, websiteName(organisation.website)),
        ],
      ],
    ]);
  } else if (organisation.website) {
    contact.push([t(locale, "Website"), h("a", { href: organisation.website, rel: "noopener" }, websiteName(organisation.website))]);
  }
  const location = organisation.coverageNote || place;
  if (location) contact.push([t(locale, "Location"), location]);

  return h(
    "article",
    { class: "organisation", "aria-labelledby": headingId },
    h(
      "h3",
      { id: headingId },
      organisation.name,
      organisation.acronym && !organisation.name.includes(`(${organisation.acronym})`)
        ? ` (${organisation.acronym})`
        : "",
    ),
    organisation.isFallback &&
      h("p", { class: "notice" }, t(locale, "Not yet available in your language.")),
    h("p", { lang: organisation.locale }, organisation.description),
    organisation.services.length > 0 &&
      h(
        "ul",
        { class: "services", "aria-label": t(locale, "Services") },
        organisation.services.map((service) => h("li", {}, service.name)),
      ),
    h("dl", { class: "contact" }, contact.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value)))),
    h(
      "p",
      { class: "coverage" },
      COVERAGE[organisation.coverage] ? t(locale, `${COVERAGE[organisation.coverage]} coverage`) : "",
    ),
    ...renderTrust(organisation, locale),
    !organisation.lastVerifiedAt &&
      organisation.lastVerified &&
      h(
        "p",
        { class: "verified" },
        t(locale, "Contact details last verified "),
        h("time", { datetime: organisation.lastVerified }, formatDate(organisation.lastVerified, locale)),
        ".",
      ),
  );
}

function websiteName(website) {
  try {
    return new URL(website).host.replace(/^www\./, "");
  } catch {
    return website;
  }
}
