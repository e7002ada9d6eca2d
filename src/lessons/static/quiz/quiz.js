/* Answer checks for the course's quizzes (rendered by lessons.sphinx_quiz).
   Self-contained: no library, no network. Scoring mirrors lessons.quiz:
   single 1/0; multiple max(0, (right ticks - wrong ticks) / right options);
   numeric within tolerance; classification share of items sorted right. */
(function () {
  "use strict";

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  // "20", "20.5", "20,5", "1,800", "1 800", "20 %" -> number; anything else -> NaN.
  function parseNumber(raw) {
    var s = String(raw).replace(/[^0-9.,\-]/g, "");
    if (s.indexOf(",") >= 0 && s.indexOf(".") >= 0) {
      s = s.replace(/,/g, "");
    } else if (/^-?\d{1,3}(,\d{3})+$/.test(s)) {
      s = s.replace(/,/g, "");
    } else {
      s = s.replace(",", ".");
    }
    return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? parseFloat(s) : NaN;
  }

  function checked(scope, name) {
    return Array.prototype.filter.call(
      scope.querySelectorAll('input[name="' + name + '"]'),
      function (input) { return input.checked; }
    ).map(function (input) { return input.value; });
  }

  function grade(form, strings) {
    var type = form.getAttribute("data-lq-type");
    var name = form.id;
    var pieces = [];
    if (type === "single" || type === "multiple") {
      var ticked = checked(form, name);
      if (!ticked.length) { return { error: strings.choose_first }; }
      var right = form.getAttribute("data-lq-correct").split(" ");
      var hits = 0, misses = 0;
      Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (input) {
        var isRight = right.indexOf(input.value) >= 0;
        if (input.checked && isRight) { hits += 1; pieces.push(["ok", input.value]); }
        else if (input.checked) { misses += 1; pieces.push(["wrong", input.value]); }
        else if (isRight && type === "multiple") { pieces.push(["missed", input.value]); }
      });
      return { score: Math.max(0, (hits - misses) / right.length), pieces: pieces };
    }
    if (type === "numeric") {
      var input = form.querySelector("input");
      var value = parseNumber(input.value);
      if (isNaN(value)) { return { error: strings.not_a_number }; }
      var answer = parseFloat(form.getAttribute("data-lq-answer"));
      var tolerance = parseFloat(form.getAttribute("data-lq-tolerance"));
      var ok = Math.abs(value - answer) <= tolerance + 1e-9;
      var scale = parseFloat(form.getAttribute("data-lq-scale"));
      // The commonest slip: the rate as a fraction (0.05) where a percentage (5) is asked.
      var fraction = !ok && scale === 100 && Math.abs(value * 100 - answer) <= tolerance;
      return { score: ok ? 1 : 0, pieces: [[ok ? "ok" : fraction ? "fraction" : "wrong", "x"]] };
    }
    var items = form.querySelectorAll("fieldset.lq-item");
    var good = 0;
    for (var i = 0; i < items.length; i += 1) {
      var item = items[i];
      var placed = checked(item, name + "-" + item.getAttribute("data-lq-item"));
      if (!placed.length) { return { error: strings.sort_first }; }
      var isGood = placed[0] === item.getAttribute("data-lq-category");
      good += isGood ? 1 : 0;
      pieces.push([isGood ? "ok" : "wrong", item.getAttribute("data-lq-item")]);
    }
    return { score: good / items.length, pieces: pieces };
  }

  function verdict(score, strings) {
    if (score >= 1) { return strings.correct; }
    if (score > 0) { return fill(strings.partial, { percent: Math.round(score * 100) }); }
    return strings.incorrect;
  }

  function round(x) { return Math.round(x * 100) / 100; }

  function setUp(quiz) {
    var strings = JSON.parse(quiz.getAttribute("data-lq-strings"));
    var count = quiz.getAttribute("data-lq-count");
    var scoreLine = quiz.querySelector(".lq-score");
    var scores = {};

    function showScore() {
      var ids = Object.keys(scores);
      var total = ids.reduce(function (sum, id) { return sum + scores[id]; }, 0);
      scoreLine.textContent = fill(strings.score, { score: round(total), answered: ids.length, count: count });
      showBreakdown();
    }

    // Final assessment: once every question is answered, the score per topic, and a link to
    // re-read each topic below the weak threshold (the same rule as lessons.quiz.Report).
    function showBreakdown() {
      var box = quiz.querySelector(".lq-breakdown");
      if (!box) { return; }
      box.textContent = "";
      if (Object.keys(scores).length < Number(count)) { return; }
      var topics = JSON.parse(quiz.getAttribute("data-lq-topics"));
      var weakBelow = parseFloat(quiz.getAttribute("data-lq-weak-below"));
      var points = {}, asked = {};
      Array.prototype.forEach.call(quiz.querySelectorAll("form.lq-q"), function (form) {
        var topic = form.getAttribute("data-lq-topic");
        points[topic] = (points[topic] || 0) + scores[form.getAttribute("data-lq-id")];
        asked[topic] = (asked[topic] || 0) + 1;
      });
      var table = document.createElement("table");
      table.className = "lq-table";
      var caption = table.createCaption();
      caption.textContent = strings.breakdown;
      var head = table.createTHead().insertRow();
      ["col_topic", "col_points", "col_percent", "col_reread"].forEach(function (key) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = strings[key];
        head.appendChild(th);
      });
      var body = table.createTBody();
      Object.keys(topics).forEach(function (topic) {
        var share = points[topic] / asked[topic];
        var row = body.insertRow();
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = topics[topic].title;
        row.appendChild(th);
        row.insertCell().textContent = round(points[topic]) + " / " + asked[topic];
        row.insertCell().textContent = Math.round(share * 100);
        var cell = row.insertCell();
        if (share < weakBelow && topics[topic].href) {
          var a = document.createElement("a");
          a.href = topics[topic].href;
          a.textContent = strings.col_reread;
          a.setAttribute("aria-label", strings.col_reread + ": " + topics[topic].title);
          cell.appendChild(a);
        } else {
          cell.textContent = share < weakBelow ? topics[topic].title : strings.col_ok;
        }
      });
      box.appendChild(table);
    }

    Array.prototype.forEach.call(quiz.querySelectorAll("form.lq-q"), function (form) {
      var box = form.querySelector(".lq-feedback");
      var actions = form.querySelector(".lq-actions");
      var retry = document.createElement("button");
      retry.type = "reset";
      retry.className = "lq-retry";
      retry.textContent = strings.retry;
      actions.appendChild(retry);

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var result = grade(form, strings);
        box.textContent = "";
        var head = document.createElement("p");
        head.className = "lq-verdict";
        if (result.error) {
          head.textContent = result.error;
          box.appendChild(head);
          return;
        }
        head.textContent = verdict(result.score, strings);
        head.className += result.score >= 1 ? " lq-good" : result.score > 0 ? " lq-part" : " lq-bad";
        box.appendChild(head);
        result.pieces.forEach(function (piece) {
          var tpl = form.querySelector('template.lq-fb[data-kind="' + piece[0] + '"][data-for="' + piece[1] + '"]');
          if (tpl) { box.appendChild(document.importNode(tpl.content, true)); }
        });
        scores[form.getAttribute("data-lq-id")] = result.score;
        showScore();
      });

      form.addEventListener("reset", function () {
        box.textContent = "";
        delete scores[form.getAttribute("data-lq-id")];
        showScore();
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("section.lq-quiz"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
