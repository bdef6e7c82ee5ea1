// The 引用 block's copy buttons: added only where the script runs and the page can write to
// the clipboard, so that a reader without them never sees a button that does nothing.
(function () {
  const block = document.querySelector(".cite");
  if (!block || !navigator.clipboard) return;
  const status = block.querySelector(".cite-status");
  for (const text of block.querySelectorAll("[data-copy-label]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "复制";
    button.setAttribute("aria-label", "复制 " + text.dataset.copyLabel + " 格式的引文");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text.textContent.trim());
        button.textContent = "已复制";
        status.textContent = "已复制 " + text.dataset.copyLabel + " 格式的引文。";
      } catch (error) {
        status.textContent = "未能复制，请选中文字后手动复制。";
      }
      setTimeout(() => { button.textContent = "复制"; }, 2000);
    });
    text.closest(".cite-item").querySelector(".cite-head").append(button);
  }
})();
