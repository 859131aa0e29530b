// graphql-request (documents sent as POSTs): every operation, reads and mutations. The
// mutations go to the demo article's Spanish translation, so that the English article the other
// files compare with its example keeps its counts whatever order the files run in.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { test } from "node:test";
import { GraphQLClient } from "graphql-request";
import {
  byName,
  endpoint,
  exampleOperations,
  exampleVariables,
  expectedData,
  normalise,
  operations,
} from "../support.mjs";

const client = new GraphQLClient(endpoint);
// The Spanish translation of the example's article.
async function spanishArticle() {
  const { article } = await client.request(byName.ArticleBySlug.text, exampleVariables("ArticleBySlug"));
  const { slug } = article.translations.find((translation) => translation.locale === "es");
  return { slug, locale: "es" };
}
// The comment form must be this old before posting (community FORM_MIN_AGE; the test server
// may lower it and say so in CONTRACT_FORM_MIN_AGE).
const FORM_MIN_AGE = Number(process.env.CONTRACT_FORM_MIN_AGE ?? 3);

test("graphql-request runs every read operation", async () => {
  for (const operation of exampleOperations) {
    const data = await client.request(operation.text, exampleVariables(operation.name));
    assert.deepEqual(normalise(data), expectedData(operation.name), operation.name);
  }
});

test("graphql-request posts a comment with the comment form's token", async () => {
  const { article } = await client.request(byName.CommentForm.text, await spanishArticle());
  assert.equal(article.commentsEnabled, true);
  await sleep(FORM_MIN_AGE * 1000);
  const { postComment } = await client.request(byName.PostComment.text, {
    input: {
      articleId: article.id,
      authorName: "Client suite", // tests/contract/test_clients.py looks for it
      authorEmail: "client-suite@example.org",
      body: `Posted by graphql-request in the contract's client suite (${Date.now()}).`,
      formToken: article.commentFormToken,
      website: "",
    },
  });
  assert.deepEqual(postComment.errors, []);
  assert.equal(postComment.status, "PENDING");
  assert.equal(postComment.comment.authorName, "Client suite");
});

test("graphql-request reacts and submits the quiz", async () => {
  const { article } = await client.request(byName.ArticleBySlug.text, await spanishArticle());
  const before = article.reactions.find((reaction) => reaction.kind === "HELPFUL").count;
  const { react } = await client.request(byName.React.text, {
    articleId: article.id,
    kind: "HELPFUL",
  });
  assert.deepEqual(react.errors, []);
  assert.equal(react.reactions.find((reaction) => reaction.kind === "HELPFUL").count, before + 1);

  const quiz = article.body.find((block) => block.__typename === "QuizBlock");
  const answers = quiz.questions.map((question) => ({
    questionId: question.id,
    choiceIds: [question.choices[0].id],
  }));
  const { submitQuiz } = await client.request(byName.SubmitQuiz.text, {
    input: { articleId: article.id, quizId: quiz.id, answers },
  });
  assert.deepEqual(submitQuiz.errors, []);
  assert.equal(submitQuiz.maxScore, quiz.questions.length);
  assert.deepEqual(
    submitQuiz.questions.map((result) => result.questionId),
    quiz.questions.map((question) => question.id),
  );
});

test("graphql-request reports a directory problem with the report form's token", async () => {
  // An organisation in no example (the examples show hasOpenReports: false).
  const { organisations } = await client.request(
    'query { organisations(region: "MI", locale: "en") { items { __typename id name } } }',
  );
  const [organisation] = organisations.items;
  assert.equal(organisation.name, "Harm Reduction Michigan");
  const { directoryReportFormToken } = await client.request(byName.DirectoryReportForm.text);
  await sleep(FORM_MIN_AGE * 1000);
  const { reportDirectoryProblem } = await client.request(byName.ReportDirectoryProblem.text, {
    input: {
      organisationId: organisation.id,
      kind: "WRONG_PHONE",
      note: "Reported by graphql-request in the contract's client suite.",
      formToken: directoryReportFormToken,
      website: "",
    },
  });
  assert.deepEqual(reportDirectoryProblem.errors, []);
  assert.equal(reportDirectoryProblem.status, "RECEIVED");
  assert.equal(reportDirectoryProblem.organisation.hasOpenReports, true);
});

test("every operation of the contract is run by this file", () => {
  const run = new Set(exampleOperations.map((operation) => operation.name));
  for (const name of ["CommentForm", "PostComment", "React", "SubmitQuiz"]) run.add(name);
  for (const name of ["DirectoryReportForm", "ReportDirectoryProblem"]) run.add(name);
  // PreviewArticle needs an editor's preview token (tests/api cover it).
  const missing = operations
    .map((operation) => operation.name)
    .filter((name) => !run.has(name) && name !== "PreviewArticle");
  assert.deepEqual(missing, []);
});
