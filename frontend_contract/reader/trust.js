// How far a reader can trust a directory entry (LocalDirectoryTrusted): when and how an editor
// last checked it, a notice when that is too long ago or readers reported a problem, and the
// "Report a problem" form (ReportDirectoryProblem, its token from DirectoryReportForm, loaded
// when the form is opened: never cached). Nothing about the reader is sent but what they type.

import { mutate, query } from "./api.js";
import { fill, formatDate, h, uid } from "./dom.js";
import { t } from "./text.js";

const METHODS = {
  PHONE_CALL: "by phone",
  EMAIL: "by email",
  WEBSITE: "on their website",
  IN_PERSON: "in person",
};

const KINDS = [
  ["WRONG_PHONE", "The phone number is wrong"],
  ["WRONG_EMAIL", "The email address is wrong"],
  ["CLOSED", "It has closed"],
  ["MOVED", "It has moved"],
  ["OTHER", "Something else"],
];

/** The trust lines of an entry, or nothing when the operation did not select them. */
export function renderTrust(organisation, locale) {
  if (organisation.isStale === undefined) return [];
  const lines = [];
  if (organisation.lastVerifiedAt) {
    const how = METHODS[organisation.verificationMethod];
    lines.push(
      h(
        "p",
        { class: "verified" },
        t(locale, "Checked by our editors on "),
        h("time", { datetime: organisation.lastVerifiedAt }, formatDate(organisation.lastVerifiedAt, locale)),
        how ? ` ${t(locale, how)}` : "",
        ".",
      ),
    );
  }
  if (organisation.isStale) {
    lines.push(
      h(
        "p",
        { class: "notice stale" },
        organisation.lastVerifiedAt
          ? t(locale, "These details have not been checked for a while: confirm them before you rely on them.")
          : t(locale, "These details have not been checked yet: confirm them before you rely on them."),
      ),
    );
  }
  if (organisation.hasOpenReports) {
    lines.push(
      h("p", { class: "notice being-checked" }, t(locale, "A reader reported a problem with these details: we are checking them.")),
    );
  }
  lines.push(renderReportForm(organisation, locale));
  return lines;
}

function renderReportForm(organisation, locale) {
  let token = null;
  const loadToken = async () => {
    token = (await query("DirectoryReportForm")).directoryReportFormToken;
    return token;
  };
  const kindId = uid("report-kind");
  const noteId = uid("report-note");
  const kind = h(
    "select",
    { id: kindId, name: "kind", required: "" },
    KINDS.map(([value, label]) => h("option", { value }, t(locale, label))),
  );
  const note = h("textarea", { id: noteId, name: "note", rows: "3", maxlength: "1000" });
  // A trap for bots, as in the comment form: people can neither see nor reach it.
  const website = h("input", { type: "text", name: "website", tabindex: "-1", autocomplete: "off", "aria-hidden": "true" });
  const status = h("div", { role: "status" });
  const submit = h("button", { type: "submit" }, t(locale, "Send report"));
  const form = h(
    "form",
    { class: "report-problem" },
    h("p", { class: "help" }, t(locale, "Tell us what is wrong; please do not write your name or contact details.")),
    h("div", {}, h("label", { for: kindId }, t(locale, "What is wrong?")), " ", kind),
    h("div", {}, h("label", { for: noteId }, t(locale, "Details (optional)")), note),
    h("div", { class: "trap", "aria-hidden": "true" }, h("label", {}, "Website", website)),
    submit,
    status,
  );
  const details = h("details", { class: "report" }, h("summary", {}, t(locale, "Report a problem")), form);
  details.addEventListener("toggle", () => {
    if (details.open && token === null) loadToken().catch(() => (token = null));
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    fill(status, h("p", {}, t(locale, "Sending…")));
    try {
      const formToken = token ?? (await loadToken());
      token = null; // one report per token
      const { reportDirectoryProblem } = await mutate("ReportDirectoryProblem", {
        input: { organisationId: organisation.id, kind: kind.value, note: note.value, formToken, website: website.value },
      });
      if (reportDirectoryProblem.errors.length) {
        fill(status, reportDirectoryProblem.errors.map((error) => h("p", { class: "form-error" }, error.message)));
        return;
      }
      note.value = "";
      fill(status, h("p", { class: "form-success" }, t(locale, "Thank you: an editor will check these details.")));
    } catch (error) {
      fill(status, h("p", { class: "form-error" }, `${t(locale, "Your report could not be sent:")} ${error.message}`));
    } finally {
      submit.disabled = false;
    }
  });
  return details;
}
