// Flashcards by keyboard: Space or Enter shows the answer, 1-4 grade, U undoes.
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
    if (first) first.focus();
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
    if (/^[1-4]$/.test(key) && back && !back.hidden && !sent) {
      var button = back.querySelector('button[data-key="' + key + '"]');
      if (button) { event.preventDefault(); button.click(); }
      return;
    }
    if (key === "u" || key === "U") {
      var undo = document.getElementById("undo-form");
      if (undo) { event.preventDefault(); undo.submit(); }
    }
  });
})();
