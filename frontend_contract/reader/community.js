// Reader participation: reactions, the approved comments and the comment form. Reactions and
// comments go through the React and PostComment mutations; the form's anti-spam token comes
// from CommentForm (never cached) when the form is shown.

import { mutate, query } from "./api.js";
import { fill, formatDate, h, uid } from "./dom.js";

// ---- Reactions -------------------------------------------------------------------------------

const reactedKey = (articleId, kind) => `reader:reacted:${articleId}:${kind}`;

function hasReacted(articleId, kind) {
  try {
    return window.localStorage.getItem(reactedKey(articleId, kind)) === "1";
  } catch {
    return false; // storage blocked: let the server's rate limit decide
  }
}

function rememberReaction(articleId, kind) {
  try {
    window.localStorage.setItem(reactedKey(articleId, kind), "1");
  } catch {
    // storage blocked: nothing to remember
  }
}

export function renderReactions(article, { preview }) {
  const headingId = uid("reactions");
  const status = h("p", { class: "reaction-status", role: "status" });
  const buttons = new Map();

  const show = (reactions) => {
    for (const reaction of reactions) {
      const button = buttons.get(reaction.kind);
      if (!button) continue;
      button.querySelector(".count").textContent = reaction.count;
      button.setAttribute("aria-label", `${reaction.label}: ${reaction.count}`);
    }
  };

  const react = async (kind, button) => {
    if (preview) {
      status.textContent = "Reactions can be added on the published article.";
      return;
    }
    button.disabled = true;
    try {
      const { react: result } = await mutate("React", { articleId: article.id, kind });
      if (result.errors.length) {
        status.textContent = result.errors.map((error) => error.message).join(" ");
        button.disabled = false;
        return;
      }
      show(result.reactions);
      rememberReaction(article.id, kind);
      button.setAttribute("aria-pressed", "true");
      status.textContent = "Thank you for your reaction.";
    } catch (error) {
      status.textContent = `Your reaction could not be saved: ${error.message}`;
      button.disabled = false;
    }
  };

  const list = h(
    "ul",
    { class: "reactions" },
    article.reactions.map((reaction) => {
      const reacted = hasReacted(article.id, reaction.kind);
      const button = h(
        "button",
        {
          type: "button",
          class: "reaction",
          "aria-pressed": reacted ? "true" : "false",
          disabled: reacted,
          "data-kind": reaction.kind,
        },
        h("span", { class: "label" }, reaction.label),
        " ",
        h("span", { class: "count" }, reaction.count),
      );
      button.addEventListener("click", () => react(reaction.kind, button));
      buttons.set(reaction.kind, button);
      return h("li", {}, button);
    }),
  );
  show(article.reactions);

  return h(
    "section",
    { class: "reactions-section", "aria-labelledby": headingId },
    h("h2", { id: headingId }, "What do you think?"),
    list,
    status,
  );
}

// ---- Comments --------------------------------------------------------------------------------

function renderComment(comment, locale, { onReply } = {}) {
  const nameId = uid("comment");
  return h(
    "article",
    { class: "comment", "aria-labelledby": nameId, "data-comment-id": comment.id },
    h(
      "header",
      {},
      h("h3", { id: nameId, class: "comment-author" }, comment.authorName),
      h("time", { datetime: comment.createdAt }, formatDate(comment.createdAt, locale)),
    ),
    h("p", { class: "comment-body" }, comment.body),
    onReply &&
      h(
        "button",
        { type: "button", class: "link-button", onclick: () => onReply(comment) },
        "Reply",
        h("span", { class: "visually-hidden" }, ` to ${comment.authorName}`),
      ),
    comment.replies?.length > 0 &&
      h(
        "ol",
        { class: "replies" },
        comment.replies.map((reply) => h("li", {}, renderComment(reply, locale))),
      ),
  );
}

export function renderComments(article, { preview, loadPage }) {
  const locale = article.locale;
  const headingId = "comments-heading";
  const list = h("ol", { class: "comment-list" });
  const empty = h("p", { class: "no-comments" }, "No comments yet");
  const more = h("button", { type: "button", class: "button secondary" }, "Show more comments");
  let pagination = article.comments.pagination;

  let form;
  if (!article.commentsEnabled) {
    form = h("p", { class: "notice" }, "Comments are closed on this article.");
  } else if (preview) {
    form = h("p", { class: "notice" }, "Comments can be posted on the published article.");
  } else {
    form = renderCommentForm(article, {
        onApproved: (comment) => {
          list.append(h("li", {}, renderComment(comment, locale)));
          empty.remove();
        },
      });
  }

  const reply = (comment) => form.startReply?.(comment);
  const addComments = (comments) =>
    list.append(
      ...comments.map((comment) =>
        h("li", {}, renderComment(comment, locale, { onReply: preview ? null : reply })),
      ),
    );

  addComments(article.comments.items);
  more.hidden = !pagination.nextPage;
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const comments = await loadPage(pagination.nextPage);
      addComments(comments.items);
      pagination = comments.pagination;
    } finally {
      more.disabled = false;
      more.hidden = !pagination.nextPage;
    }
  });

  return h(
    "section",
    { id: "comments", class: "comments", "aria-labelledby": headingId },
    h("h2", { id: headingId }, "Comments"),
    article.commentCount > 0 &&
      h(
        "p",
        { class: "comment-count" },
        article.commentCount === 1 ? "1 comment" : `${article.commentCount} comments`,
      ),
    article.comments.items.length === 0 && empty,
    list,
    more,
    form,
  );
}

// ---- The comment form ------------------------------------------------------------------------

// The commenter key PostComment hands a new commenter: the proof that later comments come from
// the same person (once a moderator approves one, the next are published at once). It stays on
// this device: never in a URL, a log or analytics.
const commenterKeyName = "reader:commenter-key";

function commenterKey() {
  try {
    return window.localStorage.getItem(commenterKeyName);
  } catch {
    return null; // storage blocked: every comment waits for moderation
  }
}

function rememberCommenterKey(key) {
  try {
    window.localStorage.setItem(commenterKeyName, key);
  } catch {
    // storage blocked: nothing to remember
  }
}

const FIELDS = [
  { name: "authorName", label: "Name", type: "text", autocomplete: "name", maxlength: 100 },
  { name: "authorEmail", label: "Email", type: "email", autocomplete: "email" },
  { name: "body", label: "Comment", multiline: true, maxlength: 5000 },
];

function renderCommentForm(article, { onApproved }) {
  const headingId = uid("comment-form");
  const noteId = uid("comment-note");
  const status = h("div", { class: "form-status", role: "status" });
  const submit = h("button", { type: "submit", class: "button" }, "Post comment");
  const replyNote = h("p", { class: "replying", hidden: true });
  let token = null;
  let parent = null;

  const fields = new Map(
    FIELDS.map((field) => {
      const id = uid(field.name);
      const errorId = `${id}-error`;
      const control = field.multiline
        ? h("textarea", { id, name: field.name, rows: 6, required: true, maxlength: field.maxlength })
        : h("input", {
            id,
            name: field.name,
            type: field.type,
            required: true,
            autocomplete: field.autocomplete,
            maxlength: field.maxlength,
          });
      const error = h("p", { class: "field-error", id: errorId, hidden: true });
      const row = h(
        "div",
        { class: "field" },
        h(
          "label",
          { for: id },
          field.label,
          " ",
          h("span", { class: "required", "aria-hidden": "true" }, "*"),
        ),
        control,
        error,
      );
      return [field.name, { control, error, row }];
    }),
  );

  // A trap for bots (README "Posting a comment"): people can neither see nor reach it.
  const website = h("input", {
    type: "text",
    name: "website",
    tabindex: "-1",
    autocomplete: "off",
    "aria-hidden": "true",
  });
  const trap = h("div", { class: "trap", "aria-hidden": "true" }, h("label", {}, "Website", website));

  const loadToken = async () => {
    const data = await query("CommentForm", { slug: article.slug, locale: article.locale });
    token = data.article?.commentFormToken ?? null;
    return token;
  };
  loadToken().catch(() => {
    token = null; // asked again on submit
  });

  const clearErrors = () => {
    for (const { control, error } of fields.values()) {
      error.hidden = true;
      error.textContent = "";
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
    }
  };

  const showErrors = (errors) => {
    const general = [];
    let first = null;
    for (const error of errors) {
      const field = fields.get(error.field);
      if (!field) {
        general.push(error.message);
        continue;
      }
      field.error.textContent = error.message;
      field.error.hidden = false;
      field.control.setAttribute("aria-invalid", "true");
      field.control.setAttribute("aria-describedby", field.error.id);
      first ??= field.control;
    }
    fill(
      status,
      h(
        "p",
        { class: "form-error" },
        general.length ? general.join(" ") : "Some fields need your attention: see the messages beside them.",
      ),
    );
    first?.focus();
  };

  const form = h(
    "form",
    { class: "comment-form", "aria-labelledby": headingId, "aria-describedby": noteId, novalidate: true },
    h("h3", { id: headingId }, "Leave a comment"),
    h(
      "p",
      { id: noteId, class: "form-note" },
      "Your email address will not be published. Required fields are marked ",
      h("span", { class: "required" }, "*"),
      ".",
    ),
    replyNote,
    [...fields.values()].map(({ row }) => row),
    trap,
    h("div", { class: "form-actions" }, submit),
    status,
  );

  const cancelReply = h("button", { type: "button", class: "link-button" }, "Cancel reply");
  cancelReply.addEventListener("click", () => {
    parent = null;
    replyNote.hidden = true;
    fields.get("body").control.focus();
  });

  form.startReply = (comment) => {
    parent = comment;
    fill(replyNote, `Replying to ${comment.authorName}. `, cancelReply);
    replyNote.hidden = false;
    fields.get("authorName").control.focus();
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    submit.disabled = true;
    fill(status, h("p", {}, "Posting your comment…"));
    try {
      const formToken = token ?? (await loadToken());
      const value = (name) => fields.get(name).control.value;
      const { postComment } = await mutate("PostComment", {
        input: {
          articleId: article.id,
          parentId: parent?.id ?? null,
          authorName: value("authorName"),
          authorEmail: value("authorEmail"),
          body: value("body"),
          formToken: formToken ?? "",
          website: website.value,
          commenterKey: commenterKey(),
        },
      });
      if (postComment.errors.length) {
        // An expired or used token is replaced on the next submit.
        if (postComment.errors.some((error) => ["EXPIRED", "FORM_ALREADY_USED"].includes(error.code)))
          token = null;
        showErrors(postComment.errors);
        return;
      }
      if (postComment.commenterKey) rememberCommenterKey(postComment.commenterKey);
      // A token posts one comment: load a fresh one for the next.
      token = null;
      loadToken().catch(() => {
        token = null; // asked again on submit
      });
      fields.get("body").control.value = "";
      parent = null;
      replyNote.hidden = true;
      if (postComment.status === "APPROVED" && postComment.comment) {
        onApproved(postComment.comment);
        fill(status, h("p", { class: "form-success" }, "Thank you! Your comment is published."));
      } else {
        fill(
          status,
          h(
            "p",
            { class: "form-success" },
            "Thank you! Your comment is awaiting moderation and will appear once a moderator approves it.",
          ),
        );
      }
    } catch (error) {
      fill(
        status,
        h("p", { class: "form-error" }, `Your comment could not be posted: ${error.message}`),
      );
    } finally {
      submit.disabled = false;
    }
  });

  return form;
}
