/* Answer checks for the course's quizzes (rendered by lessons.sphinx_quiz).
   Self-contained: no library, no network.

   The pure functions below (readNumber, scoreChoice, scoreNumeric, scoreClassification,
   verdict, percent, points, topicBreakdown) follow the same rules as lessons.quiz
   (lessons/quiz/checking.py, numbers.py, assessment.py); both run the tables of cases in
   lessons/data/quiz_cases/. In a page they are window.LessonsQuiz; under Node (the tests,
   tests/js/) they are this file's module.exports. The page code reads the form, calls them,
   and shows the feedback templates the Python side rendered. */
(function (root) {
  "use strict";

  // ---------------------------------------------------------------- reading a typed number

  var DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D]/g;
  var SPACES = /[ \t\n\r\u00A0\u2007\u2009\u202F]+/g;
  var SCIENTIFIC = /^([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)[eE]([+-]?[0-9]+)$/;
  var PLAIN = /^[0-9.,]+(?: [0-9.,]+)*$/;
  var SPACE_GROUPS = /^([0-9]{1,3}(?: [0-9]{3})+)(?:([.,])([0-9]*))?$/;

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&");
  }

  function unitPattern(unit) {
    var chars = String(unit || "").replace(/\s+/g, "").split("");
    var joined = chars.join("");
    if (!chars.length || joined === "%" || joined === "€" || joined === "$") { return null; }
    if (joined === "×") { return "[×xX]"; }
    return chars.map(escapeRegExp).join("\\s*");
  }

  function grouped(intPart, separator) {
    return new RegExp("^[0-9]{1,3}(?:" + escapeRegExp(separator) + "[0-9]{3})+$").test(intPart);
  }

  function refuse(reason, part) { return { error: reason, part: part || "" }; }

  // Digits, separators and spaces -> a decimal string, or a refusal.
  function plain(core, reading) {
    if (core.indexOf(" ") >= 0) {
      var m = SPACE_GROUPS.exec(core);
      if (!m) { return refuse("separators"); }
      return { digits: m[1].replace(/ /g, "") + (m[3] ? "." + m[3] : "") };
    }
    var comma = core.indexOf(",") >= 0, dot = core.indexOf(".") >= 0;
    var parts, intPart, fraction;
    if (comma && dot) {
      var decimal = core.lastIndexOf(",") > core.lastIndexOf(".") ? "," : ".";
      var group = decimal === "," ? "." : ",";
      parts = core.split(decimal);
      if (parts.length !== 2) { return refuse("separators"); }
      intPart = parts[0];
      fraction = parts[1];
      if (!grouped(intPart, group)) { return refuse("separators"); }
      return { digits: intPart.split(group).join("") + (fraction ? "." + fraction : "") };
    }
    if (comma || dot) {
      var separator = comma ? "," : ".";
      parts = core.split(separator);
      if (parts.length > 2) {
        if (grouped(core, separator)) { return { digits: parts.join("") }; }
        return refuse("separators");
      }
      intPart = parts[0];
      fraction = parts[1];
      var groups = (separator === ",") === (reading === "en");
      if (groups && /^[1-9][0-9]{0,2}$/.test(intPart) && /^[0-9]{3}$/.test(fraction)) {
        return { digits: intPart + fraction };
      }
      return { digits: (intPart || "0") + (fraction ? "." + fraction : "") };
    }
    return { digits: core };
  }

  // The text a learner typed -> {value: number} or {error: reason, part: text}; the rules
  // and the reasons are those of lessons.quiz.numbers.parse_number.
  function readNumber(raw, unit, reading) {
    reading = reading === "fr" ? "fr" : "en";
    var s = String(raw).replace(DASHES, "-").replace(SPACES, " ").replace(/^ | $/g, "");
    if (!s) { return refuse("empty"); }
    var pattern = unitPattern(unit);
    if (pattern) { s = s.replace(new RegExp(" ?(?:" + pattern + ")$", "i"), ""); }
    s = s.replace(/ ?%$/, "");
    var currency = / ?[€$]$/.exec(s);
    if (currency) { s = s.slice(0, currency.index); }
    var sign = "";
    if (s.charAt(0) === "+" || s.charAt(0) === "-") { sign = s.charAt(0); s = s.slice(1).replace(/^ /, ""); }
    if (!currency && (s.charAt(0) === "€" || s.charAt(0) === "$")) { s = s.slice(1).replace(/^ /, ""); }
    if (!sign && (s.charAt(0) === "+" || s.charAt(0) === "-")) { sign = s.charAt(0); s = s.slice(1).replace(/^ /, ""); }
    var core = s;
    if (!/[0-9]/.test(core)) { return refuse("not_a_number"); }
    var number;
    var sci = SCIENTIFIC.exec(core);
    if (sci) {
      number = sign + sci[1].replace(",", ".") + "e" + sci[2];
    } else if (PLAIN.test(core)) {
      var read = plain(core, reading);
      if (read.error) { return read; }
      number = sign + read.digits;
    } else {
      var runs = (core.match(/[0-9.,]+/g) || []).filter(function (run) { return /[0-9]/.test(run); });
      var rest = core.replace(/[0-9.,]+/g, " ").split(/\s+/).filter(Boolean).join(" ");
      if (runs.length > 1) { return refuse("two_numbers"); }
      if (/^[ +-]*$/.test(rest)) { return refuse("sign"); }
      return refuse("extra_text", rest);
    }
    var value = Number(number);
    if (!isFinite(value)) { return refuse("not_finite"); }
    return { value: value };
  }

  // ---------------------------------------------------------------- scoring

  var TOLERANCE_SLACK = 1e-9;

  // (right ticks - wrong ticks) / correct options, at least 0; pieces in the order shown.
  function scoreChoice(options, correct, ticked, multiple) {
    var pieces = [], hits = 0, misses = 0;
    options.forEach(function (option) {
      var right = correct.indexOf(option) >= 0;
      var isTicked = ticked.indexOf(option) >= 0;
      if (isTicked && right) { hits += 1; pieces.push(["ok", option]); }
      else if (isTicked) { misses += 1; pieces.push(["wrong", option]); }
      else if (right && multiple) { pieces.push(["missed", option]); }
    });
    return { score: Math.max(0, (hits - misses) / correct.length), pieces: pieces };
  }

  // 1 within tolerance; a right value on another scale (a fraction where % is asked) is named.
  function scoreNumeric(value, answer, tolerance, otherFactor) {
    if (Math.abs(value - answer) <= tolerance + TOLERANCE_SLACK) {
      return { score: 1, pieces: [["ok", "x"]] };
    }
    if (otherFactor && Math.abs(value * otherFactor - answer) <= tolerance + TOLERANCE_SLACK) {
      return { score: 0, pieces: [["scale", "x"]] };
    }
    return { score: 0, pieces: [["wrong", "x"]] };
  }

  // The share of items in their category; items: [[id, category]], placed: {id: category}.
  function scoreClassification(items, placed) {
    var good = 0;
    var pieces = items.map(function (item) {
      var ok = Object.prototype.hasOwnProperty.call(placed, item[0]) && placed[item[0]] === item[1];
      good += ok ? 1 : 0;
      return [ok ? "ok" : "wrong", item[0]];
    });
    return { score: good / items.length, pieces: pieces };
  }

  // A share from 0 to 1 as a whole percentage, halves up (Math.round is floor(x + 0.5)).
  function percent(fraction) { return Math.floor(100 * fraction + 0.5); }

  function points(value) { return Math.floor(100 * value + 0.5) / 100; }

  function verdict(score) {
    if (score >= 1) { return { kind: "correct", percent: 100 }; }
    if (score > 0) { return { kind: "partial", percent: percent(score) }; }
    return { kind: "incorrect", percent: 0 };
  }

  // entries: [[topic, score]] in question order -> {topic: {points, asked, percent, weak}}.
  function topicBreakdown(entries, weakBelow) {
    var out = {};
    entries.forEach(function (entry) {
      var topic = out[entry[0]] || (out[entry[0]] = { total: 0, asked: 0 });
      topic.total += entry[1];
      topic.asked += 1;
    });
    Object.keys(out).forEach(function (key) {
      var topic = out[key];
      var share = topic.total / topic.asked;
      out[key] = { points: points(topic.total), asked: topic.asked, percent: percent(share),
                   weak: share < weakBelow };
    });
    return out;
  }

  var api = {
    readNumber: readNumber,
    scoreChoice: scoreChoice,
    scoreNumeric: scoreNumeric,
    scoreClassification: scoreClassification,
    percent: percent,
    points: points,
    verdict: verdict,
    topicBreakdown: topicBreakdown
  };

  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof document === "undefined") { return; }
  root.LessonsQuiz = api;

  // ---------------------------------------------------------------- the page

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function checked(scope, name) {
    return Array.prototype.filter.call(
      scope.querySelectorAll('input[name="' + name + '"]'),
      function (input) { return input.checked; }
    ).map(function (input) { return input.value; });
  }

  function numberMessage(result, raw, strings) {
    var text = fill(strings["number_" + result.error] || "", { value: raw, part: result.part });
    return text + " " + strings.number_accepted;
  }

  function grade(form, strings, reading) {
    var type = form.getAttribute("data-lq-type");
    var name = form.id;
    if (type === "single" || type === "multiple") {
      var ticked = checked(form, name);
      if (!ticked.length) { return { error: strings.choose_first }; }
      var options = Array.prototype.map.call(
        form.querySelectorAll('input[name="' + name + '"]'),
        function (input) { return input.value; }
      );
      var correct = form.getAttribute("data-lq-correct").split(" ");
      return withAnswer(scoreChoice(options, correct, ticked, type === "multiple"),
                        type === "single" ? ticked[0] : ticked);
    }
    if (type === "numeric") {
      var input = form.querySelector("input");
      var read = readNumber(input.value, form.getAttribute("data-lq-unit"), reading);
      if (read.error) { return { error: numberMessage(read, input.value, strings) }; }
      var factor = form.getAttribute("data-lq-other-factor");
      return withAnswer(scoreNumeric(
        read.value,
        parseFloat(form.getAttribute("data-lq-answer")),
        parseFloat(form.getAttribute("data-lq-tolerance")),
        factor ? parseFloat(factor) : null
      ), read.value);
    }
    var items = [], placed = {};
    var boxes = form.querySelectorAll("fieldset.lq-item");
    for (var i = 0; i < boxes.length; i += 1) {
      var id = boxes[i].getAttribute("data-lq-item");
      var choice = checked(boxes[i], name + "-" + id);
      if (!choice.length) { return { error: strings.sort_first }; }
      items.push([id, boxes[i].getAttribute("data-lq-category")]);
      placed[id] = choice[0];
    }
    return withAnswer(scoreClassification(items, placed), placed);
  }

  // The answer as lessons.quiz.check_answer takes it (option id, list, number, {item: category}),
  // kept with its score for the result file.
  function withAnswer(result, answer) {
    result.answer = answer;
    return result;
  }

  function verdictText(score, strings) {
    var v = verdict(score);
    if (v.kind === "partial") { return fill(strings.partial, { percent: v.percent }); }
    return strings[v.kind];
  }

  function setUp(quiz) {
    var strings = JSON.parse(quiz.getAttribute("data-lq-strings"));
    var reading = quiz.getAttribute("data-lq-reading") || "en";
    // Points are rounded here; lessons.format chose the decimal mark (data-lq-decimal).
    var decimal = quiz.getAttribute("data-lq-decimal") || ".";
    function shown(value) { return String(points(value)).replace(".", decimal); }
    var count = quiz.getAttribute("data-lq-count");
    var scoreLine = quiz.querySelector(".lq-score");
    var scores = {};
    var answers = {};
    var lastBreakdown = null;

    function showScore() {
      var ids = Object.keys(scores);
      var total = ids.reduce(function (sum, id) { return sum + scores[id]; }, 0);
      scoreLine.textContent = fill(strings.score, { score: shown(total), answered: ids.length, count: count });
      showBreakdown();
      showDownload(ids.length, total);
    }

    // Final assessment: once every question is answered, the name field and "Download my
    // result". The file has the layout of lessons.results.result_record; its points are the
    // ones the page shows (points(), per topic from topicBreakdown); the trainer's side
    // scores the answers again and never trusts them. Nothing is sent: a download only.
    var download = quiz.querySelector(".lq-result");
    var lastTotal = 0;
    function showDownload(answered, sum) {
      if (!download) { return; }
      lastTotal = sum;
      var complete = answered >= Number(count) && lastBreakdown !== null;
      download.querySelector(".lq-result-ready").hidden = !complete;
      var wait = download.querySelector(".lq-result-wait");
      wait.hidden = complete;
      wait.textContent = fill(strings.incomplete, { answered: answered, count: count });
    }

    function resultRecord() {
      var questions = quiz.getAttribute("data-lq-questions").split(" ");
      var name = download.querySelector(".lq-name").value.replace(/^\s+|\s+$/g, "");
      var given = {};
      questions.forEach(function (id) {
        if (Object.prototype.hasOwnProperty.call(answers, id)) { given[id] = answers[id]; }
      });
      var topics = {};
      Object.keys(JSON.parse(quiz.getAttribute("data-lq-topics"))).forEach(function (topic) {
        topics[topic] = { score: lastBreakdown[topic].points, out_of: lastBreakdown[topic].asked };
      });
      return {
        format: quiz.getAttribute("data-lq-format"),
        format_version: Number(quiz.getAttribute("data-lq-format-version")),
        course_version: quiz.getAttribute("data-lq-course-version"),
        assessment: "final",
        seed: Number(quiz.getAttribute("data-lq-seed")),
        n: questions.length,
        name: name || null,
        language: quiz.getAttribute("data-lq-lang"),
        questions: questions,
        answers: given,
        topics: topics,
        total: { score: points(lastTotal), out_of: questions.length }
      };
    }

    if (download) {
      download.querySelector(".lq-download").addEventListener("click", function () {
        var text = JSON.stringify(resultRecord(), null, 1) + "\n";
        var link = document.createElement("a");
        var url = null;
        if (typeof Blob !== "undefined" && root.URL && URL.createObjectURL) {
          url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
          link.href = url;
        } else {
          link.href = "data:application/json;charset=utf-8," + encodeURIComponent(text);
        }
        link.download = "my-result-" + quiz.getAttribute("data-lq-seed") + ".json";
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        if (url) { setTimeout(function () { URL.revokeObjectURL(url); }, 1000); }
      });
    }

    // Final assessment: once every question is answered, the score per topic, and a link to
    // re-read each topic below the weak threshold (the same rule as lessons.quiz.Report).
    function showBreakdown() {
      var box = quiz.querySelector(".lq-breakdown");
      if (!box) { return; }
      box.textContent = "";
      lastBreakdown = null;
      if (Object.keys(scores).length < Number(count)) { return; }
      var topics = JSON.parse(quiz.getAttribute("data-lq-topics"));
      var entries = Array.prototype.map.call(quiz.querySelectorAll("form.lq-q"), function (form) {
        return [form.getAttribute("data-lq-topic"), scores[form.getAttribute("data-lq-id")]];
      });
      var breakdown = topicBreakdown(entries, parseFloat(quiz.getAttribute("data-lq-weak-below")));
      lastBreakdown = breakdown;
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
        var row = body.insertRow();
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = topics[topic].title;
        row.appendChild(th);
        row.insertCell().textContent = String(breakdown[topic].points).replace(".", decimal) + " / " + breakdown[topic].asked;
        row.insertCell().textContent = breakdown[topic].percent;
        var cell = row.insertCell();
        if (breakdown[topic].weak && topics[topic].href) {
          var a = document.createElement("a");
          a.href = topics[topic].href;
          a.textContent = strings.col_reread;
          a.setAttribute("aria-label", strings.col_reread + ": " + topics[topic].title);
          cell.appendChild(a);
        } else {
          cell.textContent = breakdown[topic].weak ? topics[topic].title : strings.col_ok;
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
        var result = grade(form, strings, reading);
        box.textContent = "";
        var head = document.createElement("p");
        head.className = "lq-verdict";
        if (result.error) {
          head.textContent = result.error;
          box.appendChild(head);
          return;
        }
        head.textContent = verdictText(result.score, strings);
        head.className += result.score >= 1 ? " lq-good" : result.score > 0 ? " lq-part" : " lq-bad";
        box.appendChild(head);
        result.pieces.forEach(function (piece) {
          var tpl = form.querySelector('template.lq-fb[data-kind="' + piece[0] + '"][data-for="' + piece[1] + '"]');
          if (tpl) { box.appendChild(document.importNode(tpl.content, true)); }
        });
        scores[form.getAttribute("data-lq-id")] = result.score;
        answers[form.getAttribute("data-lq-id")] = result.answer;
        showScore();
      });

      form.addEventListener("reset", function () {
        box.textContent = "";
        delete scores[form.getAttribute("data-lq-id")];
        delete answers[form.getAttribute("data-lq-id")];
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
})(this);
