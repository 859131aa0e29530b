// The quiz block: a form of fieldsets (radio buttons for true/false and single choice, checkboxes
// for multiple choice), scored on the server by SubmitQuiz. The contract never sends the answer
// key: the score, the right answers and the explanations arrive with the result.

import { mutate } from "./api.js";
import { fill, h, uid } from "./dom.js";
import { t } from "./text.js";

const KIND_HINT = {
  TRUE_FALSE: "Choose one.",
  SINGLE_CHOICE: "Choose one.",
  MULTIPLE_CHOICE: "Choose every answer that applies.",
};

export function renderQuiz(block, context) {
  const { locale } = context;
  const titleId = uid("quiz");
  const result = h("div", { class: "quiz-result", tabindex: "-1", hidden: true });
  const status = h("p", { class: "quiz-status", role: "status" });
  const submit = h("button", { type: "submit", class: "button" }, t(locale, "Submit answers"));

  const questions = block.questions.map((question, index) =>
    renderQuestion(question, index, block.questions.length, locale),
  );

  const form = h(
    "form",
    { class: "quiz-form", "aria-labelledby": titleId, novalidate: true },
    questions.map(({ fieldset }) => fieldset),
    h("div", { class: "form-actions" }, submit),
    status,
    result,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (context.preview) {
      status.textContent = t(locale, "Quizzes can be answered on the published article.");
      return;
    }
    const answers = questions.map(({ question }) => ({
      questionId: question.id,
      choiceIds: [...form.querySelectorAll(`input[name="${CSS.escape(question.id)}"]:checked`)].map(
        (input) => input.value,
      ),
    }));
    submit.disabled = true;
    status.textContent = t(locale, "Checking your answers…");
    try {
      const { submitQuiz } = await mutate("SubmitQuiz", {
        input: { articleId: context.article.id, quizId: block.id, answers },
      });
      if (submitQuiz.errors.length) {
        status.textContent = submitQuiz.errors.map((error) => error.message).join(" ");
        submit.disabled = false;
        return;
      }
      status.textContent = "";
      submit.hidden = true;
      showResult(submitQuiz, questions, result, locale);
    } catch (error) {
      status.textContent = t(locale, "Your answers could not be checked: {error}", {
        error: error.message,
      });
      submit.disabled = false;
    }
  });

  return h(
    "section",
    { class: "quiz", "aria-labelledby": titleId },
    h("p", { class: "eyebrow" }, t(locale, "Pop quiz")),
    h("h2", { id: titleId }, block.title),
    block.intro && h("p", {}, block.intro),
    form,
  );
}

function renderQuestion(question, index, count, locale) {
  const type = question.kind === "MULTIPLE_CHOICE" ? "checkbox" : "radio";
  const hintId = uid("hint");
  const feedback = h("div", { class: "quiz-feedback", hidden: true });
  const choices = question.choices.map((choice) => {
    const id = uid("choice");
    const input = h("input", { type, id, name: question.id, value: choice.id });
    const label = h("label", { for: id }, choice.text);
    return { choice, input, label, row: h("div", { class: "choice" }, input, label) };
  });
  const fieldset = h(
    "fieldset",
    { class: "quiz-question", "aria-describedby": hintId },
    h(
      "legend",
      {},
      h("span", { class: "quiz-count" }, t(locale, "Question {n} of {count}", { n: index + 1, count })),
      h("span", { class: "quiz-prompt" }, question.prompt),
    ),
    h("p", { class: "hint", id: hintId }, t(locale, KIND_HINT[question.kind] || "")),
    choices.map(({ row }) => row),
    feedback,
  );
  return { question, choices, fieldset, feedback };
}

function showResult(submitQuiz, questions, result, locale) {
  const byId = new Map(submitQuiz.questions.map((scored) => [scored.questionId, scored]));
  for (const { question, choices, fieldset, feedback } of questions) {
    const scored = byId.get(question.id);
    if (!scored) continue;
    for (const { choice, input, row } of choices) {
      input.disabled = true;
      const correct = scored.correctChoiceIds.includes(choice.id);
      row.classList.toggle("is-correct", correct);
      row.classList.toggle("is-wrong", input.checked && !correct);
      if (correct) row.append(h("span", { class: "choice-mark" }, t(locale, " (correct answer)")));
    }
    fieldset.classList.add(scored.correct ? "answered-right" : "answered-wrong");
    fill(
      feedback,
      h("p", { class: "verdict" }, h("strong", {}, t(locale, scored.correct ? "Correct." : "Not quite."))),
      scored.explanation && h("p", { class: "explanation" }, scored.explanation),
    );
    feedback.hidden = false;
  }
  fill(
    result,
    h("p", { class: "score" }, t(locale, "Your score is {score}/{maxScore}", submitQuiz)),
    submitQuiz.message && h("p", { class: "result-message" }, submitQuiz.message),
  );
  result.hidden = false;
  // Keyboard and screen-reader users land on their score; the explanations follow in order.
  result.focus();
}
