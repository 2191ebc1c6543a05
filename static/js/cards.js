// Flashcards by keyboard: Space or Enter shows the answer and then grades it Good,
// 1-4 grade, P shows the passage, U undoes ("?" lists the keys: site.js).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var back = document.getElementById("card-back");
  var show = document.getElementById("show-answer");
  var sent = false;

  function reveal() {
    if (!back || !back.hidden) return false;
    back.hidden = false;
    if (show) { show.setAttribute("aria-expanded", "true"); show.parentNode.hidden = true; }
    var first = back.querySelector("button.grade-3") || back.querySelector("button.grade");
    if (first) first.focus({ preventScroll: true });
    // all four grades in sight (on a phone, above the tab bar: site.css)
    var grades = back.querySelector(".grades");
    if (grades) grades.scrollIntoView({ block: "nearest" });
    return true;
  }
  if (show) show.addEventListener("click", reveal);

  var gradeForm = document.querySelector(".grade-form");
  if (gradeForm) gradeForm.addEventListener("submit", function (event) {
    if (sent) { event.preventDefault(); return; }  // one grade per card, however many clicks
    sent = true;
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.matches("input, textarea, select")) return;
    var key = event.key;
    if ((key === " " || key === "Enter") && back && back.hidden) {
      event.preventDefault();
      reveal();
      return;
    }
    if ((key === " " || key === "Enter") && back && !back.hidden && !sent &&
        !event.target.matches("button, a, summary")) {
      key = "3";  // the one key to go on: Good
    }
    if (/^[1-4]$/.test(key) && back && !back.hidden && !sent) {
      var button = back.querySelector('button[data-key="' + key + '"]');
      if (button) { event.preventDefault(); button.click(); }
      return;
    }
    if ((key === "p" || key === "P") && back && !back.hidden) {
      var passage = document.getElementById("card-passage");
      if (passage) { event.preventDefault(); passage.open = !passage.open; }
      return;
    }
    if (key === "u" || key === "U") {
      var undo = document.getElementById("undo-form");
      if (undo) { event.preventDefault(); undo.submit(); }
    }
  });
})();
