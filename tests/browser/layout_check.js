// Evaluated in a page by tests/browser/test_layout.py: everything that sticks out, is cut off or
// makes the page scroll sideways, as {kind, selector, text}. One function, so the whole check
// reads in one place; it changes nothing on the page.
() => {
  const faults = [];
  const viewport = document.documentElement.clientWidth;
  const SLACK = 1; // sub-pixel rounding is no fault
  const SKIPPED = new Set(["INPUT", "SELECT", "TEXTAREA", "OPTION", "SCRIPT", "STYLE", "BR", "TEMPLATE"]);

  const name = (element) => {
    let part = element.tagName.toLowerCase();
    if (element.id) return `${part}#${element.id}`;
    const classes = [...element.classList].slice(0, 2);
    if (classes.length) part += `.${classes.join(".")}`;
    return part;
  };
  const selector = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
      parts.unshift(name(node));
      if (node.id) break;
    }
    return parts.join(" > ");
  };
  const text = (element) => (element.innerText || element.textContent || "").replace(/\s+/g, " ").trim().slice(0, 70);
  const scrolls = (style) => style.overflowX === "auto" || style.overflowX === "scroll";
  const report = (kind, element, extra = "") => faults.push({ kind, selector: selector(element), text: text(element) + extra, element });

  if (document.documentElement.scrollWidth > viewport + SLACK) {
    faults.push({ kind: "the page scrolls sideways", selector: "html", text: `${document.documentElement.scrollWidth}px wide in a ${viewport}px window` });
  }

  // What a scroll container holds may be wider than it: that is what it is for (checked below
  // for tables: focusable, named and with a visible cue).
  const all = [...document.body.querySelectorAll("*")];
  const scrollers = all.filter((element) => scrolls(getComputedStyle(element)));
  const insideScroller = (element) => scrollers.some((scroller) => scroller !== element && scroller.contains(element));
  // Visually hidden on purpose (a clipped 1px box: a table's headings on a phone, labels for
  // screen readers): what is inside is not seen, so it cannot stick out.
  const hidden = all.filter((element) => getComputedStyle(element).clip !== "auto");
  const insideHidden = (element) => hidden.some((box) => box.contains(element));

  for (const element of all) {
    if (SKIPPED.has(element.tagName) || (element.closest("svg") && element.tagName.toLowerCase() !== "svg")) continue;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.display === "contents" || style.visibility === "hidden") continue;
    const box = element.getBoundingClientRect();
    // Visually hidden (1px, clipped) and moved off the screen on purpose (the skip link).
    if ((box.width <= 1 && box.height <= 1) || box.right <= 0) continue;
    if (insideHidden(element)) continue;
    // Inside a scroll container only the window is no limit: text still has to fit its box.
    const scrolled = insideScroller(element);

    if (!scrolled && (box.right > viewport + SLACK || box.left < -SLACK)) {
      report("sticks out of the window", element, ` (${Math.round(box.left)}–${Math.round(box.right)}px of ${viewport}px)`);
      continue;
    }
    // A block whose content is wider than its box: the text runs out of it, or is cut off.
    if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + SLACK && !scrolls(style)) {
      report(style.overflowX === "visible" ? "text runs out of its box" : "text is cut off", element, ` (${element.scrollWidth}px in ${element.clientWidth}px)`);
      continue;
    }
    const parent = element.parentElement;
    if (parent && parent !== document.body && !["absolute", "fixed"].includes(style.position)) {
      const parentStyle = getComputedStyle(parent);
      if (!parentStyle.display.startsWith("inline") && parentStyle.display !== "contents" && !scrolls(parentStyle)) {
        const outer = parent.getBoundingClientRect();
        if (box.right > outer.right + SLACK || box.left < outer.left - SLACK) {
          report("sticks out of its parent", element, ` (${Math.round(box.right - outer.right)}px past ${name(parent)})`);
        }
      }
    }
  }

  for (const table of document.body.querySelectorAll("table")) {
    if (getComputedStyle(table).display === "none") continue;
    const scroller = scrollers.find((candidate) => candidate.contains(table));
    // On a phone a table may be shown as cards (rows as blocks): then it must fit, not scroll.
    const row = table.querySelector("tbody tr");
    if (row && getComputedStyle(row).display === "block") {
      const room = (scroller || table.parentElement).getBoundingClientRect();
      const cell = [...table.querySelectorAll("tbody td, tbody th")].find((candidate) => candidate.getBoundingClientRect().right > room.right + SLACK);
      if (cell) report("a table shown as cards is wider than its box", cell, ` (${Math.round(cell.getBoundingClientRect().right - room.right)}px past it)`);
      continue;
    }
    if (!scroller) {
      const room = table.parentElement.clientWidth;
      if (table.offsetWidth > room + SLACK) report("table is cut off without a scroll container", table, ` (${table.offsetWidth}px in ${room}px)`);
      continue;
    }
    const named = scroller.getAttribute("aria-label") || scroller.getAttribute("aria-labelledby");
    const cue = getComputedStyle(scroller).backgroundImage.includes("gradient");
    if (scroller.tabIndex < 0 || !named || scroller.getAttribute("role") !== "region" || !cue) {
      report("table scrolls in a container that is not focusable, named and cued", scroller);
    }
  }

  // An element that overflows because its child does is the same fault: keep the innermost.
  const flagged = faults.filter((fault) => fault.element);
  return faults
    .filter((fault) => !fault.element || !flagged.some((other) => other !== fault && fault.element.contains(other.element)))
    .map(({ kind, selector, text }) => ({ kind, selector, text }));
};
