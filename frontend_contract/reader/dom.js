// A small element builder: h("p", { class: "intro" }, "text", child). Strings become text nodes,
// never HTML; the CMS's rich text (already cleaned by the server) goes through html() only.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name in PROPERTIES) {
      element[PROPERTIES[name]] = value;
    } else {
      element.setAttribute(name, value === true ? "" : value);
    }
  }
  append(element, children);
  return element;
}

const PROPERTIES = { value: "value", checked: "checked" };

/** Replace an element's children, skipping empty ones as h() does. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Rich text from the CMS, as elements. */
export function html(markup, tag = "div", attributes = {}) {
  const element = h(tag, attributes);
  element.innerHTML = markup;
  return element;
}

let ids = 0;
/** A document-unique id for label/aria references. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** "26 November 2026" from an ISO date (a calendar date: no time zone shift). */
export function formatDate(isoDate, locale) {
  if (!isoDate) return "";
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return new Intl.DateTimeFormat(locale || undefined, { dateStyle: "long", timeZone: "UTC" })
    .format(date);
}

/** Links within the reader keep its path (/ in development, wherever a static host puts it). */
export function readerHref(params) {
  const search = new URLSearchParams(
    Object.entries(params).filter(([, value]) => value !== null && value !== undefined && value !== ""),
  );
  return `${window.location.pathname}?${search}`;
}
