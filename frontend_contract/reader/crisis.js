// Crisis lines: the footer of every page (CrisisLines, in the page's language and, on the
// directory page, with the reader's state) and the CrisisLinesBlock of an article body.
//
// A line whose translation is behind its source comes in the source's language (isFallback,
// locale): its text carries that `lang`, and a note says why, so a reader never gets an old
// number in their language without knowing (README, "Crisis lines and safety-critical content").

import { query } from "./api.js";
import { fill, h, uid } from "./dom.js";
import { t } from "./text.js";

const LANGUAGE_NAMES = { en: "English", es: "Español" };

function languageName(code, locale) {
  try {
    return new Intl.DisplayNames([locale || "en"], { type: "language" }).of(code) || code;
  } catch {
    return LANGUAGE_NAMES[code] || code;
  }
}

/** The note shown on safety-critical content served in its source's language. */
export function fallbackNote(item, locale) {
  return h(
    "p",
    { class: "notice" },
    t(locale, "Shown in {language} while its translation is updated.", {
      language: languageName(item.locale, locale),
    }),
  );
}

/** One crisis line: its name, how to call and text it, when, and in which languages. */
export function renderCrisisLine(line, locale, headingTag = "h3") {
  const headingId = uid("crisis-line");
  const ways = [];
  if (line.phone) {
    ways.push(
      h(
        "li",
        {},
        t(locale, "Call "),
        h("a", { href: line.phoneUri, class: "crisis-call" }, line.phoneDisplay || line.phone),
      ),
    );
  }
  if (line.sms) {
    const number = h("a", { href: line.smsUri, class: "crisis-text" }, line.smsDisplay || line.sms);
    ways.push(
      h(
        "li",
        {},
        line.smsKeyword
          ? [t(locale, "Text {keyword} to ", { keyword: line.smsKeyword }), number]
          : [t(locale, "Text "), number],
      ),
    );
  }
  return h(
    "article",
    { class: "crisis-line", "aria-labelledby": headingId, lang: line.isFallback ? line.locale : null },
    h(headingTag, { id: headingId }, line.name),
    line.isFallback && h("div", { lang: locale }, fallbackNote(line, locale)),
    line.description && h("p", {}, line.description),
    h("ul", { class: "crisis-ways" }, ways),
    h("p", { class: "crisis-hours" }, line.hours),
    line.languages.length > 0 &&
      h(
        "p",
        { class: "crisis-languages", lang: locale },
        t(locale, "Languages: "),
        line.languages.map((code) => languageName(code, locale)).join(", "),
      ),
  );
}

/** The footer's crisis lines for `locale` (and `region`): fetched, then shown; a failure
 * leaves the footer's emergency line alone. */
export async function showCrisisLines(locale, region) {
  const section = document.getElementById("crisis-lines");
  if (!section) return;
  const variables = region ? { locale, region } : { locale };
  const { crisisLines } = await query("CrisisLines", variables);
  if (!crisisLines.length) {
    section.hidden = true;
    return;
  }
  const headingId = "crisis-lines-heading";
  section.setAttribute("aria-labelledby", headingId);
  section.setAttribute("lang", locale);
  fill(
    section,
    h("h2", { id: headingId }, t(locale, "Help right now")),
    h(
      "ul",
      { class: "crisis-list" },
      crisisLines.map((line) => h("li", {}, renderCrisisLine(line, locale))),
    ),
  );
  section.hidden = false;
}
