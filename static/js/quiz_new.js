// The start page says how many questions the chosen topic and types hold, as
// they change (without JavaScript, as the page was loaded).
(function () {
  "use strict";
  var out = document.getElementById("scope-count");
  var form = out && out.closest("form");
  if (!form || !window.fetch) return;
  var pending = 0;
  function update() {
    var params = new URLSearchParams();
    var scope = form.querySelector("[name=scope]");
    if (scope) params.set("scope", scope.value);
    form.querySelectorAll("[name=types]:checked").forEach(function (box) { params.append("types", box.value); });
    var mine = ++pending;
    fetch(out.getAttribute("data-url") + "?" + params.toString(), {
      headers: { "Accept": "application/json" }, credentials: "same-origin",
    }).then(function (response) { return response.ok ? response.json() : null; }).then(function (data) {
      if (!data || mine !== pending) return;
      out.textContent = ": “" + data.label + "” holds " + data.main + " such questions, " + data.all + " with details";
    }).catch(function () { /* the figure stays as it was */ });
  }
  form.addEventListener("change", function (event) {
    if (event.target.matches("[name=scope], [name=types]")) update();
  });
})();
