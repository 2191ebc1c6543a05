// Teachers select words in a source: the selection becomes character offsets
// into the source text, so the page can highlight it and offer "add to lesson"
// or "curate a fact". Offsets count the source's own characters only.
(function () {
  "use strict";
  var root = document.querySelector(".source-text[data-select-url]");
  if (!root) return;
  document.documentElement.classList.add("js");
  var button = document.createElement("a");
  button.className = "button small selection-button";
  button.textContent = "Use this passage";
  button.hidden = true;
  root.parentNode.insertBefore(button, root);

  function offsetIn(block, node, offset) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest(".para-link") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var count = 0;
    var current;
    while ((current = walker.nextNode())) {
      if (current === node) return count + offset;
      count += current.nodeValue.length;
    }
    return null;
  }

  function update() {
    var selection = window.getSelection();
    button.hidden = true;
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    var startBlock = range.startContainer.parentNode && range.startContainer.parentNode.closest("[data-start]");
    var endBlock = range.endContainer.parentNode && range.endContainer.parentNode.closest("[data-start]");
    if (!startBlock || startBlock !== endBlock || !root.contains(startBlock)) return;
    var base = parseInt(startBlock.getAttribute("data-start"), 10);
    var start = offsetIn(startBlock, range.startContainer, range.startOffset);
    var end = offsetIn(startBlock, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    button.href = root.getAttribute("data-select-url") + "?start=" + (base + start) + "&end=" + (base + end) + "#passage";
    button.hidden = false;
  }

  document.addEventListener("selectionchange", update);
})();
