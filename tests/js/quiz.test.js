// The shared tables of cases (src/lessons/data/quiz_cases/) run against the site's script.
// Run with Node's own test runner: node --test tests/js/ (tests/test_quiz_js.py does it).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const root = path.join(__dirname, "..", "..", "src", "lessons");
const quiz = require(path.join(root, "static", "quiz", "quiz.js"));
const scoring = require(path.join(root, "data", "quiz_cases", "scoring.json"));
const numbers = require(path.join(root, "data", "quiz_cases", "numbers.json")).cases;

function close(actual, expected, name) {
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${name}: score ${actual}, expected ${expected}`);
}

test("quiz.js loads under Node without a page and exposes its pure functions", () => {
  for (const name of ["readNumber", "scoreChoice", "scoreNumeric", "scoreClassification",
                      "percent", "points", "verdict", "topicBreakdown"]) {
    assert.equal(typeof quiz[name], "function", name);
  }
});

for (const c of scoring.choice) {
  test(`choice: ${c.name}`, () => {
    const result = quiz.scoreChoice(c.options, c.correct, c.ticked, c.multiple);
    close(result.score, c.score, c.name);
    assert.deepEqual(result.pieces, c.pieces);
    assert.deepEqual(quiz.verdict(result.score), { kind: c.verdict, percent: c.percent });
  });
}

for (const c of scoring.numeric) {
  test(`numeric: ${c.name}`, () => {
    const result = quiz.scoreNumeric(c.value, c.answer, c.tolerance, c.other_factor);
    assert.equal(result.score, c.score);
    assert.deepEqual(result.pieces, c.pieces);
    assert.equal(quiz.verdict(result.score).kind, c.verdict);
  });
}

for (const c of scoring.classification) {
  test(`classification: ${c.name}`, () => {
    const result = quiz.scoreClassification(c.items, c.placed);
    close(result.score, c.score, c.name);
    assert.deepEqual(result.pieces, c.pieces);
    assert.deepEqual(quiz.verdict(result.score), { kind: c.verdict, percent: c.percent });
  });
}

test("percent rounds halves up, as the Python side does", () => {
  for (const [fraction, expected] of scoring.percent) {
    assert.equal(quiz.percent(fraction), expected, `percent(${fraction})`);
  }
});

test("points round to 2 decimals, halves up", () => {
  for (const [value, expected] of scoring.points) {
    assert.equal(quiz.points(value), expected, `points(${value})`);
  }
});

for (const c of scoring.breakdown) {
  test(`breakdown: ${c.name}`, () => {
    assert.deepEqual(quiz.topicBreakdown(c.entries, c.weak_below), c.topics);
  });
}

for (const c of numbers) {
  const label = `${JSON.stringify(c.text)}${c.unit ? " unit " + c.unit : ""}${c.reading ? " " + c.reading : ""}`;
  test(`number: ${label}`, () => {
    const read = quiz.readNumber(c.text, c.unit || "", c.reading || "en");
    if ("value" in c) {
      assert.deepEqual(read, { value: c.value });
    } else {
      assert.deepEqual(read, { error: c.refused, part: c.part || "" });
    }
  });
}
