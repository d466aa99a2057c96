// After htmx replaces the results, the "Add to comparison" link the reader pressed is gone
// and focus would fall to the page's body: move it to the confirmation that replaced it.
document.addEventListener("htmx:afterSettle", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  const selector = trigger && trigger.dataset ? trigger.dataset.focusAfter : null;
  if (!selector) return;
  const target = document.querySelector(selector);
  if (target) target.focus();
});
